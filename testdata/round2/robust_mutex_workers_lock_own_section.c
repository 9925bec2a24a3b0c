// Robust mutex (PTHREAD_MUTEX_ROBUST): workers lock it, check for EOWNERDEAD and mark it
// consistent if needed, then unlock it themselves. No owner ever dies while holding it here.
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t shared_mtx;
static int shared_counter;

static int robust_lock(pthread_mutex_t *m)
{
    int rc = pthread_mutex_lock(m);

    if (rc == EOWNERDEAD) {
        fprintf(stderr, "previous owner died, recovering\n");
        pthread_mutex_consistent(m);
        rc = 0;
    }
    return rc;
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        if (robust_lock(&shared_mtx) != 0)
            return NULL;
        shared_counter++;
        pthread_mutex_unlock(&shared_mtx);
    }
    return NULL;
}

int main(void)
{
    pthread_mutexattr_t attr;
    pthread_t w1, w2;

    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&shared_mtx, &attr);
    pthread_mutexattr_destroy(&attr);

    pthread_create(&w1, NULL, worker, NULL);
    pthread_create(&w2, NULL, worker, NULL);
    pthread_join(w1, NULL);
    pthread_join(w2, NULL);
    printf("counter = %d\n", shared_counter);
    pthread_mutex_destroy(&shared_mtx);
    return 0;
}
