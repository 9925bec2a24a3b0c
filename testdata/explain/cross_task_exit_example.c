#include <pthread.h>
#include <stddef.h>

struct session {
    pthread_mutex_t mu;
    int pending;
};

/* Called by the worker: it unlocks a mutex that main locked. */
static void session_finish(struct session *s)
{
    s->pending = 0;
    pthread_mutex_unlock(&s->mu); // expect: cross-task-exit
}

static void *worker_main(void *arg)
{
    struct session *s = arg;
    session_finish(s);
    return NULL;
}

int main(void)
{
    struct session s = {.mu = PTHREAD_MUTEX_INITIALIZER, .pending = 1};
    pthread_t worker;

    pthread_mutex_lock(&s.mu);
    if (pthread_create(&worker, NULL, worker_main, &s) != 0)
        return 1;
    pthread_join(worker, NULL);
    return 0;
}
