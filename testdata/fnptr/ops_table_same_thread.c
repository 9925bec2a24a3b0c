// Locking goes through an ops table, and every thread calls ops->lock(s) and ops->unlock(s)
// itself.
#include <pthread.h>
#include <stdio.h>

struct session;

struct lock_ops {
    void (*lock)(struct session *s);
    void (*unlock)(struct session *s);
};

struct session {
    pthread_mutex_t mu;
    const struct lock_ops *ops;
    int requests;
};

static void session_lock(struct session *s)
{
    pthread_mutex_lock(&s->mu);
}

static void session_unlock(struct session *s)
{
    pthread_mutex_unlock(&s->mu);
}

static const struct lock_ops session_ops = {.lock = session_lock, .unlock = session_unlock};

static void *session_handler(void *arg)
{
    struct session *s = arg;
    const struct lock_ops *ops = s->ops;

    ops->lock(s);
    s->requests++;
    ops->unlock(s);
    return NULL;
}

int main(void)
{
    struct session sess = {.ops = &session_ops, .requests = 0};
    pthread_t tids[2];

    pthread_mutex_init(&sess.mu, NULL);
    for (int i = 0; i < 2; i++) {
        if (pthread_create(&tids[i], NULL, session_handler, &sess) != 0)
            return 1;
    }
    sess.ops->lock(&sess);
    sess.requests++;
    sess.ops->unlock(&sess);
    for (int i = 0; i < 2; i++)
        pthread_join(tids[i], NULL);
    printf("%d requests\n", sess.requests);
    pthread_mutex_destroy(&sess.mu);
    return 0;
}
