// The cache is refreshed only when its lock is free: trylock, and on success unlock in the
// same thread. Main and the worker both do it.
#include <pthread.h>
#include <stdio.h>

struct cache {
    pthread_mutex_t mu;
    int generation;
};

static int cache_try_refresh(struct cache *cache)
{
    if (pthread_mutex_trylock(&cache->mu) == 0) {
        cache->generation++;
        pthread_mutex_unlock(&cache->mu);
        return 1;
    }
    return 0;
}

static void *refresh_worker(void *arg)
{
    struct cache *cache = arg;
    int refreshed = 0;

    for (int i = 0; i < 10; i++)
        refreshed += cache_try_refresh(cache);
    printf("worker refreshed %d times\n", refreshed);
    return NULL;
}

int main(void)
{
    struct cache cache = {.generation = 0};
    pthread_t tid;

    pthread_mutex_init(&cache.mu, NULL);
    if (pthread_create(&tid, NULL, refresh_worker, &cache) != 0)
        return 1;
    if (pthread_mutex_trylock(&cache.mu) == 0) {
        cache.generation++;
        pthread_mutex_unlock(&cache.mu);
    }
    pthread_join(tid, NULL);
    printf("generation %d\n", cache.generation);
    pthread_mutex_destroy(&cache.mu);
    return 0;
}
