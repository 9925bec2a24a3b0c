// The flusher spins with `while (pthread_mutex_trylock(&mu) == EBUSY) sched_yield();` and
// unlocks after its critical section. Main holds the lock for a while and unlocks it itself.
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

struct wal {
    pthread_mutex_t mu;
    int nrecords;
    int flushed;
};

static void *flusher_thread(void *arg)
{
    struct wal *w = arg;

    while (pthread_mutex_trylock(&w->mu) == EBUSY)
        sched_yield();
    w->flushed = w->nrecords;
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

int main(void)
{
    struct wal w = {.nrecords = 0};
    pthread_t tid;

    pthread_mutex_init(&w.mu, NULL);
    pthread_mutex_lock(&w.mu);
    if (pthread_create(&tid, NULL, flusher_thread, &w) != 0)
        return 1;
    w.nrecords = 8;
    pthread_mutex_unlock(&w.mu);
    pthread_join(tid, NULL);
    printf("flushed %d\n", w.flushed);
    return 0;
}
