// Readers take and release the read lock in their own thread; main takes and releases the
// write lock to update the cache.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

struct route_cache {
    pthread_rwlock_t lock;
    int routes[8];
    int nroutes;
};

static void *route_reader(void *arg)
{
    struct route_cache *cache = arg;
    int sum = 0;

    pthread_rwlock_rdlock(&cache->lock);
    for (int i = 0; i < cache->nroutes; i++)
        sum += cache->routes[i];
    pthread_rwlock_unlock(&cache->lock);
    printf("route checksum %d\n", sum);
    return NULL;
}

int main(void)
{
    struct route_cache cache = {.routes = {10, 20, 30}, .nroutes = 3};
    pthread_t readers[2];

    pthread_rwlock_init(&cache.lock, NULL);
    for (int i = 0; i < 2; i++) {
        if (pthread_create(&readers[i], NULL, route_reader, &cache) != 0)
            return 1;
    }
    pthread_rwlock_wrlock(&cache.lock);
    cache.routes[cache.nroutes++] = 40;
    pthread_rwlock_unlock(&cache.lock);
    for (int i = 0; i < 2; i++)
        pthread_join(readers[i], NULL);
    pthread_rwlock_destroy(&cache.lock);
    return 0;
}
