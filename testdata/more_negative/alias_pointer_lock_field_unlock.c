// The worker locks through a local pthread_mutex_t * alias and unlocks through the field
// expression &s->mu: different spellings of the same lock, taken and dropped in one thread.
// Main locks and unlocks the session on its own before starting the worker.
#include <pthread.h>
#include <stdio.h>

struct session {
    pthread_mutex_t mu;
    int requests;
};

static void *request_worker(void *arg)
{
    struct session *s = arg;
    pthread_mutex_t *m = &s->mu;

    pthread_mutex_lock(m);
    s->requests++;
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

int main(void)
{
    struct session sess = {.requests = 0};
    pthread_t tid;

    pthread_mutex_init(&sess.mu, NULL);
    pthread_mutex_lock(&sess.mu);
    sess.requests = 10;
    pthread_mutex_unlock(&sess.mu);
    if (pthread_create(&tid, NULL, request_worker, &sess) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%d requests\n", sess.requests);
    return 0;
}
