// The mutex is the first member of the session, and the worker locks it by casting the
// session pointer to pthread_mutex_t * but unlocks it as &s->mu: the same lock, locked and
// unlocked in the worker. Main locks and unlocks the session on its own.
#include <pthread.h>
#include <stdio.h>

struct session {
    pthread_mutex_t mu;
    int hits;
};

static void *hit_thread(void *arg)
{
    struct session *s = arg;

    pthread_mutex_lock((pthread_mutex_t *)s);
    s->hits++;
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

int main(void)
{
    struct session sess = {.hits = 0};
    pthread_t tid;

    pthread_mutex_init(&sess.mu, NULL);
    if (pthread_create(&tid, NULL, hit_thread, &sess) != 0)
        return 1;
    pthread_mutex_lock(&sess.mu);
    sess.hits++;
    pthread_mutex_unlock(&sess.mu);
    pthread_join(tid, NULL);
    printf("hits %d\n", sess.hits);
    return 0;
}
