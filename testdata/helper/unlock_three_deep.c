// The unlock is three calls below the worker: release_session() -> session_finish() ->
// unlock_mu(&s->mu); main locked s->mu.
#include <pthread.h>
#include <stdio.h>

struct session {
    pthread_mutex_t mu;
    int id;
    int state;
};

static void unlock_mu(pthread_mutex_t *mu)
{
    pthread_mutex_unlock(mu); // expect: cross-task-exit {{locked in thread 'main'}}
}

static void session_finish(struct session *s)
{
    s->state = 2;
    unlock_mu(&s->mu);
}

static void release_session(struct session *s)
{
    if (s->state == 1)
        session_finish(s);
}

static void *teardown_worker(void *arg)
{
    struct session *s = arg;

    release_session(s);
    return NULL;
}

int main(void)
{
    struct session sess = {.id = 5};
    pthread_t tid;

    pthread_mutex_init(&sess.mu, NULL);
    pthread_mutex_lock(&sess.mu);
    sess.state = 1;
    if (pthread_create(&tid, NULL, teardown_worker, &sess) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("session %d state %d\n", sess.id, sess.state);
    pthread_mutex_destroy(&sess.mu);
    return 0;
}
