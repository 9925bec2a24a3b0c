// A metrics exporter: main locks the shared counters and starts an exporter thread that runs
// its own event base; the flush timer registered there unlocks the counters when it fires. The
// timer callback runs on the exporter thread, which dispatches the base, not on main's.
// flags: -std=gnu11 -pthread
// pkg-config: libevent
// rules: posix libevent
#include <event2/event.h>
#include <pthread.h>
#include <stdio.h>

struct counters {
    pthread_mutex_t mu;
    long requests;
};

static void flush_counters(evutil_socket_t fd, short what, void *arg)
{
    struct counters *c = arg;

    (void)fd;
    (void)what;
    printf("%ld requests\n", c->requests);
    pthread_mutex_unlock(&c->mu); // expect: cross-task-exit {{pthread mutex 'c->mu' is unlocked in thread 'exporter_main' but was locked in thread 'main'}}
}

static void *exporter_main(void *arg)
{
    struct event_base *base = event_base_new();
    struct timeval tv = {0, 1000};
    struct event *flush = evtimer_new(base, flush_counters, arg);

    evtimer_add(flush, &tv);
    event_base_dispatch(base);
    event_free(flush);
    event_base_free(base);
    return NULL;
}

int main(void)
{
    static struct counters counters = {PTHREAD_MUTEX_INITIALIZER, 12};
    pthread_t tid;

    pthread_mutex_lock(&counters.mu);
    pthread_create(&tid, NULL, exporter_main, &counters);
    pthread_join(tid, NULL);
    return 0;
}
