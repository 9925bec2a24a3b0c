// Both main and the worker call the unlocking helper session_release(), but each only after
// locking s->mu itself.
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
    pthread_mutex_unlock(&s->mu);
}

static void *request_handler(void *arg)
{
    struct session *s = arg;

    for (int i = 0; i < 5; i++) {
        pthread_mutex_lock(&s->mu);
        session_release(s);
    }
    return NULL;
}

int main(void)
{
    struct session sess = {.id = 3};
    pthread_t tid;

    pthread_mutex_init(&sess.mu, NULL);
    if (pthread_create(&tid, NULL, request_handler, &sess) != 0)
        return 1;
    pthread_mutex_lock(&sess.mu);
    session_release(&sess);
    pthread_join(tid, NULL);
    printf("session %d: %d requests\n", sess.id, sess.requests);
    pthread_mutex_destroy(&sess.mu);
    return 0;
}
