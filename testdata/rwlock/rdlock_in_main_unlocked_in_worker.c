// Main read-locks the route cache and a worker thread releases that read lock.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

struct route_cache {
    pthread_rwlock_t lock;
    int routes[8];
    int nroutes;
};

static void *route_lookup_worker(void *arg)
{
    struct route_cache *cache = arg;
    int sum = 0;

    for (int i = 0; i < cache->nroutes; i++)
        sum += cache->routes[i];
    printf("route checksum %d\n", sum);
    pthread_rwlock_unlock(&cache->lock); // expect: cross-task-exit {{pthread rwlock 'cache->lock'}}
    return NULL;
}

int main(void)
{
    struct route_cache cache = {.routes = {10, 20, 30}, .nroutes = 3};
    pthread_t tid;

    pthread_rwlock_init(&cache.lock, NULL);
    pthread_rwlock_rdlock(&cache.lock); // expect-note: {{locked here}}
    if (pthread_create(&tid, NULL, route_lookup_worker, &cache) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_rwlock_destroy(&cache.lock);
    return 0;
}
