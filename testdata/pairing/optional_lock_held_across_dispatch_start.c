// The tricky negative beside optional_lock_unlocked_without_its_lock.c: main takes the optional
// base lock (if there is one) around starting the dispatch thread and releases it after, under
// the same test. Every unlock has its own lock in its own thread; helgrind reports nothing.
#include <pthread.h>
#include <stdio.h>

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
    if (base.th_base_lock)
        pthread_mutex_lock(base.th_base_lock);
    if (pthread_create(&tid, NULL, dispatch_thread, &base) != 0)
        return 1;
    base.nevents++;
    if (base.th_base_lock != NULL)
        pthread_mutex_unlock(base.th_base_lock);
    pthread_join(tid, NULL);
    printf("%d events\n", base.nevents);
    return 0;
}
