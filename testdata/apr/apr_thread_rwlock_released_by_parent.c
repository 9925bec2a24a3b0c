// A reader thread takes the config read lock and exits still holding it; the parent releases
// it after joining. The read lock belongs to the reader thread.
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

static void *APR_THREAD_FUNC snapshot_config(apr_thread_t *thd, void *data)
{
    struct config *cfg = data;

    apr_thread_rwlock_rdlock(cfg->lock);
    printf("max clients %d\n", cfg->max_clients);
    apr_thread_exit(thd, APR_SUCCESS);
    return NULL;
}

int main(void)
{
    apr_pool_t *pool;
    apr_thread_t *thd;
    apr_status_t rv;
    struct config cfg = {NULL, 150};

    apr_initialize();
    apr_pool_create(&pool, NULL);
    apr_thread_rwlock_create(&cfg.lock, pool);
    apr_thread_create(&thd, NULL, snapshot_config, &cfg, pool);
    apr_thread_join(&rv, thd);
    apr_thread_rwlock_unlock(cfg.lock); // expect: cross-task-exit {{APR thread rwlock 'cfg.lock' is unlocked in thread 'main' but was locked in thread 'snapshot_config'}}
    apr_pool_destroy(pool);
    apr_terminate();
    return 0;
}
