// A program built with the Boehm GC and GC_THREADS: <gc.h> redefines pthread_create as
// GC_pthread_create (gc_pthread_redirects.h, imitated below so that libgc-dev is not needed).
// The compactor thread takes and releases the heap lock itself; so does main after the join.
#include <pthread.h>
#include <stdio.h>

/* what <gc.h> declares and defines with GC_THREADS */
int GC_pthread_create(pthread_t *thread, const pthread_attr_t *attr,
                      void *(*start_routine)(void *), void *arg);
#define pthread_create GC_pthread_create

struct heap {
    pthread_mutex_t mu;
    long live_bytes;
};

static void *compactor_thread(void *arg)
{
    struct heap *hp = arg;

    pthread_mutex_lock(&hp->mu);
    hp->live_bytes /= 2;
    pthread_mutex_unlock(&hp->mu);
    return NULL;
}

int main(void)
{
    struct heap hp = {.live_bytes = 4096};
    pthread_t tid;

    pthread_mutex_init(&hp.mu, NULL);
    if (pthread_create(&tid, NULL, compactor_thread, &hp) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_lock(&hp.mu);
    printf("%ld live bytes\n", hp.live_bytes);
    pthread_mutex_unlock(&hp.mu);
    return 0;
}
