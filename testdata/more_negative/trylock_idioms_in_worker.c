// The janitor uses the usual trylock idioms: `if (pthread_mutex_trylock(..)) return`, a saved
// status checked with `rc != 0`, and `!pthread_mutex_trylock(..)`. It unlocks only after its
// own successful trylock; main holds the lock for part of the time and unlocks it itself.
#include <pthread.h>
#include <stdio.h>

struct cache {
    pthread_mutex_t mu;
    int stale;
};

static void sweep_once(struct cache *c)
{
    if (pthread_mutex_trylock(&c->mu))
        return;
    c->stale = 0;
    pthread_mutex_unlock(&c->mu);
}

static void sweep_status(struct cache *c)
{
    int rc = pthread_mutex_trylock(&c->mu);

    if (rc != 0)
        return;
    c->stale /= 2;
    pthread_mutex_unlock(&c->mu);
}

static void *janitor_thread(void *arg)
{
    struct cache *c = arg;

    sweep_once(c);
    sweep_status(c);
    if (!pthread_mutex_trylock(&c->mu)) {
        c->stale = 0;
        pthread_mutex_unlock(&c->mu);
    }
    return NULL;
}

int main(void)
{
    struct cache c = {.stale = 40};
    pthread_t tid;

    pthread_mutex_init(&c.mu, NULL);
    pthread_mutex_lock(&c.mu);
    if (pthread_create(&tid, NULL, janitor_thread, &c) != 0)
        return 1;
    c.stale++;
    pthread_mutex_unlock(&c.mu);
    pthread_join(tid, NULL);
    printf("stale %d\n", c.stale);
    return 0;
}
