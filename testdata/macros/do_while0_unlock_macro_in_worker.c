// The session layer wraps its lock calls in do { ... } while (0) macros; the flusher thread
// releases with SESSION_UNLOCK the session lock that main took with SESSION_LOCK.
// helgrind: "unlocked lock ... currently held by thread #1"
#include <pthread.h>
#include <stdio.h>

struct session {
    pthread_mutex_t mu;
    int dirty;
};

#define SESSION_LOCK(s)                                                                        \
    do {                                                                                       \
        pthread_mutex_lock(&(s)->mu);                                                          \
    } while (0)
#define SESSION_UNLOCK(s)                                                                      \
    do {                                                                                       \
        pthread_mutex_unlock(&(s)->mu);                                                        \
    } while (0)

static void *session_flusher(void *arg)
{
    struct session *sess = arg;

    sess->dirty = 0;
    SESSION_UNLOCK(sess); // expect: cross-task-exit {{'sess->mu'}}
    return NULL;
}

int main(void)
{
    struct session sess = {.dirty = 1};
    pthread_t tid;

    pthread_mutex_init(&sess.mu, NULL);
    SESSION_LOCK(&sess);
    if (pthread_create(&tid, NULL, session_flusher, &sess) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("dirty %d\n", sess.dirty);
    return 0;
}
