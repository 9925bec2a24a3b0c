// main takes the cache's read lock with pthread_rwlock_tryrdlock (it succeeds: nobody else
// holds it) and a worker thread calls cache_release(), which unlocks it.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

struct cache {
    pthread_rwlock_t rw;
    int entries;
};

static void cache_release(struct cache *c)
{
    pthread_rwlock_unlock(&c->rw); // expect: cross-task-exit
}

static void *reporter(void *arg)
{
    struct cache *c = arg;

    printf("cache has %d entries\n", c->entries);
    cache_release(c);
    return NULL;
}

int main(void)
{
    struct cache c = {.entries = 12};
    pthread_t t;

    pthread_rwlock_init(&c.rw, NULL);
    if (pthread_rwlock_tryrdlock(&c.rw) != 0) {
        fputs("cache busy\n", stderr);
        return 1;
    }
    pthread_create(&t, NULL, reporter, &c);
    pthread_join(t, NULL);
    return 0;
}
