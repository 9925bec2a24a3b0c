// release_session() -> session_finish() -> unlock_mu() unlocks s->mu, but it is only ever
// called from main, which locked s->mu. The worker shares the session and takes its own lock.
#include <pthread.h>
#include <stdio.h>

struct session {
    pthread_mutex_t mu;
    int id;
    int state;
    long bytes_in;
};

static void unlock_mu(pthread_mutex_t *mu)
{
    pthread_mutex_unlock(mu);
}

static void session_finish(struct session *s)
{
    s->state = 2;
    unlock_mu(&s->mu);
}

static void release_session(struct session *s)
{
    session_finish(s);
}

static void *ingest_worker(void *arg)
{
    struct session *s = arg;

    pthread_mutex_lock(&s->mu);
    s->bytes_in += 4096;
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

int main(void)
{
    struct session sess = {.id = 9};
    pthread_t tid;

    pthread_mutex_init(&sess.mu, NULL);
    if (pthread_create(&tid, NULL, ingest_worker, &sess) != 0)
        return 1;
    pthread_join(tid, NULL);

    pthread_mutex_lock(&sess.mu);
    sess.state = 1;
    release_session(&sess);
    printf("session %d state %d, %ld bytes in\n", sess.id, sess.state, sess.bytes_in);
    pthread_mutex_destroy(&sess.mu);
    return 0;
}
