// Locking goes through an ops table: main calls ops->lock(s), and the worker calls
// ops->unlock(s), which is session_unlock(), on the session main locked.
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
    int id;
};

static void session_lock(struct session *s)
{
    pthread_mutex_lock(&s->mu);
}

static void session_unlock(struct session *s)
{
    pthread_mutex_unlock(&s->mu); // expect: cross-task-exit {{unlocked in thread 'session_closer'}}
}

static const struct lock_ops session_ops = {.lock = session_lock, .unlock = session_unlock};

static void *session_closer(void *arg)
{
    struct session *s = arg;
    const struct lock_ops *ops = s->ops;

    ops->unlock(s);
    return NULL;
}

int main(void)
{
    struct session sess = {.ops = &session_ops, .id = 1};
    pthread_t tid;

    pthread_mutex_init(&sess.mu, NULL);
    sess.ops->lock(&sess);
    if (pthread_create(&tid, NULL, session_closer, &sess) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("session %d closed\n", sess.id);
    pthread_mutex_destroy(&sess.mu);
    return 0;
}
