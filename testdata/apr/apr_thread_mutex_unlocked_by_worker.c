// A module's cache is locked by the parent while it starts a refresh thread with
// apr_thread_create; the refresh thread, which receives the cache as its second parameter,
// unlocks it. An APR thread mutex is a pthread mutex owned by the locking thread.
// pkg-config: apr-1
// rules: apr
#include <apr_general.h>
#include <apr_pools.h>
#include <apr_thread_mutex.h>
#include <apr_thread_proc.h>
#include <stdio.h>

struct module_cache {
    apr_thread_mutex_t *mu;
    int generation;
};

static void *APR_THREAD_FUNC refresh_cache(apr_thread_t *thd, void *data)
{
    struct module_cache *cache = data;

    cache->generation++;
    apr_thread_mutex_unlock(cache->mu); // expect: cross-task-exit {{APR thread mutex 'cache->mu' is unlocked in thread 'refresh_cache' but was locked in thread 'main'}}
    apr_thread_exit(thd, APR_SUCCESS);
    return NULL;
}

int main(void)
{
    apr_pool_t *pool;
    apr_thread_t *thd;
    apr_status_t rv;
    struct module_cache cache = {NULL, 0};

    apr_initialize();
    apr_pool_create(&pool, NULL);
    apr_thread_mutex_create(&cache.mu, APR_THREAD_MUTEX_DEFAULT, pool);
    apr_thread_mutex_lock(cache.mu);
    apr_thread_create(&thd, NULL, refresh_cache, &cache, pool);
    apr_thread_join(&rv, thd);
    printf("generation %d\n", cache.generation);
    apr_pool_destroy(pool);
    apr_terminate();
    return 0;
}
