// Reader threads started with apr_thread_create each take and release the config read lock
// themselves; the parent takes the write lock around its update. Silent.
// pkg-config: apr-1
// rules: apr
#include <apr_general.h>
#include <apr_pools.h>
#include <apr_thread_proc.h>
#include <apr_thread_rwlock.h>
#include <stdio.h>

struct config {
    apr_thread_rwlock_t *lock;
    int max_clients;
};

static void *APR_THREAD_FUNC read_config(apr_thread_t *thd, void *data)
{
    struct config *cfg = data;
    int n;

    apr_thread_rwlock_rdlock(cfg->lock);
    n = cfg->max_clients;
    apr_thread_rwlock_unlock(cfg->lock);
    apr_thread_exit(thd, n > 0 ? APR_SUCCESS : APR_EGENERAL);
    return NULL;
}

int main(void)
{
    apr_pool_t *pool;
    apr_thread_t *thds[2];
    apr_status_t rv;
    struct config cfg = {NULL, 0};

    apr_initialize();
    apr_pool_create(&pool, NULL);
    apr_thread_rwlock_create(&cfg.lock, pool);
    apr_thread_rwlock_wrlock(cfg.lock);
    cfg.max_clients = 150;
    apr_thread_rwlock_unlock(cfg.lock);
    for (int i = 0; i < 2; i++)
        apr_thread_create(&thds[i], NULL, read_config, &cfg, pool);
    for (int i = 0; i < 2; i++)
        apr_thread_join(&rv, thds[i]);
    printf("max clients %d\n", cfg.max_clients);
    apr_pool_destroy(pool);
    apr_terminate();
    return 0;
}
