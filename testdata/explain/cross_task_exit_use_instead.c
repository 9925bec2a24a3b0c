/* Exit the scope in the task that entered it before handing the data over, and let the
 * worker enter its own: lock inside the worker. To make the other thread wait, hand over
 * something that is not owner-bound instead: a condition variable with its predicate, or a
 * semaphore (sem_post may be called from any thread). */
#include <pthread.h>
#include <stddef.h>

struct session {
    pthread_mutex_t mu;
    int pending;
};

/* The worker locks and unlocks in its own thread. */
static void session_finish(struct session *s)
{
    pthread_mutex_lock(&s->mu);
    s->pending = 0;
    pthread_mutex_unlock(&s->mu);
}

static void *worker_main(void *arg)
{
    struct session *s = arg;
    session_finish(s);
    return NULL;
}

int main(void)
{
    struct session s = {.mu = PTHREAD_MUTEX_INITIALIZER, .pending = 0};
    pthread_t worker;

    pthread_mutex_lock(&s.mu);
    s.pending = 1;
    pthread_mutex_unlock(&s.mu); /* in the locking thread, before handing over */
    if (pthread_create(&worker, NULL, worker_main, &s) != 0)
        return 1;
    pthread_join(worker, NULL);
    return 0;
}
