// The worker calls a helper, session_release(), that unlocks the session main locked.
#include <pthread.h>
#include <stdio.h>

struct session {
    pthread_mutex_t mu;
    int id;
    int requests;
};

static void session_release(struct session *s)
{
    s->requests++;
    pthread_mutex_unlock(&s->mu); // expect: cross-task-exit {{unlocked in thread 'request_worker'}}
}

static void *request_worker(void *arg)
{
    struct session *s = arg;

    session_release(s);
    return NULL;
}

int main(void)
{
    struct session sess = {.id = 3};
    pthread_t tid;

    pthread_mutex_init(&sess.mu, NULL);
    pthread_mutex_lock(&sess.mu);
    if (pthread_create(&tid, NULL, request_worker, &sess) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("session %d: %d requests\n", sess.id, sess.requests);
    pthread_mutex_destroy(&sess.mu);
    return 0;
}
