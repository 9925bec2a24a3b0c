// An event base whose lock is optional (NULL when one thread uses it): every use locks and
// unlocks only if there is a lock, as libevent's EVLOCK_LOCK and EVLOCK_UNLOCK do. Main adds an
// event, starts the dispatch thread, then unlocks the base lock it does not hold (helgrind:
// "Thread #1 unlocked a not-locked lock"). The add is balanced: on the path where the lock is
// NULL neither the lock nor the unlock runs, so nothing is left held to hide the bad unlock.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct event_base {
    pthread_mutex_t *th_base_lock; /* NULL when the base is used from one thread only */
    int nevents;
};

static void base_add_event(struct event_base *base)
{
    if (base->th_base_lock)
        pthread_mutex_lock(base->th_base_lock);
    base->nevents++;
    if (base->th_base_lock)
        pthread_mutex_unlock(base->th_base_lock);
}

static void *dispatch_thread(void *arg)
{
    struct event_base *base = arg;
    base_add_event(base);
    return NULL;
}

int main(void)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    struct event_base base = {&lock, 0};
    pthread_t tid;

    base_add_event(&base);
    if (pthread_create(&tid, NULL, dispatch_thread, &base) != 0)
        return 1;
    pthread_mutex_unlock(base.th_base_lock); // expect: cross-task-exit
    pthread_join(tid, NULL);
    printf("%d events\n", base.nevents);
    return 0;
}
