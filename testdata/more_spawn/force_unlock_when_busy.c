// The watchdog "breaks" a lock it thinks is stale: when pthread_mutex_trylock says EBUSY it
// unlocks the mutex anyway. Main holds the lock, so the watchdog unlocks main's lock.
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

struct lease {
    pthread_mutex_t mu;
    int holder;
};

static void *watchdog_thread(void *arg)
{
    struct lease *l = arg;

    if (pthread_mutex_trylock(&l->mu) == EBUSY) {
        fprintf(stderr, "lease held by %d looks stale, breaking it\n", l->holder);
        pthread_mutex_unlock(&l->mu); // expect: cross-task-exit
    } else {
        pthread_mutex_unlock(&l->mu);
    }
    return NULL;
}

int main(void)
{
    struct lease l = {.holder = 1};
    pthread_t tid;

    pthread_mutex_init(&l.mu, NULL);
    pthread_mutex_lock(&l.mu);
    if (pthread_create(&tid, NULL, watchdog_thread, &l) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
