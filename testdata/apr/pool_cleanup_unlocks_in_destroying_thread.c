// A configuration reload: main takes the configuration lock and registers a pool cleanup that
// releases it, so that the lock is held for the pool's lifetime; then a reload thread destroys
// the pool. The cleanup runs in the reload thread, which unlocks a mutex main locked
// (helgrind: "Thread #2 unlocked lock ... currently held by thread #1"), and the pool's cleanup
// registered by main runs in another task.
// pkg-config: apr-1
// rules: apr
#include <apr_general.h>
#include <apr_pools.h>
#include <apr_thread_mutex.h>
#include <apr_thread_proc.h>
#include <stdio.h>

static apr_thread_mutex_t *g_conf_mu;
static int g_conf_generation;

static apr_status_t release_conf_lock(void *data)
{
    apr_thread_mutex_t *mu = data;

    apr_thread_mutex_unlock(mu); // expect: cross-task-exit {{APR thread mutex 'g_conf_mu' is unlocked in thread 'reload_conf' but was locked in thread 'main'}}
    return APR_SUCCESS;
}

static void *APR_THREAD_FUNC reload_conf(apr_thread_t *thd, void *data)
{
    apr_pool_t *conf_pool = data;

    g_conf_generation++;
    apr_pool_destroy(conf_pool); // expect: cross-task-exit {{APR pool cleanup 'conf_pool' is run in thread 'reload_conf' but was registered in thread 'main'}}
    apr_thread_exit(thd, APR_SUCCESS);
    return NULL;
}

int main(void)
{
    apr_pool_t *root, *conf_pool;
    apr_thread_t *thd;
    apr_status_t rv;

    apr_initialize();
    apr_pool_create(&root, NULL);
    apr_pool_create(&conf_pool, root);
    apr_thread_mutex_create(&g_conf_mu, APR_THREAD_MUTEX_DEFAULT, root);
    apr_thread_mutex_lock(g_conf_mu);
    apr_pool_cleanup_register(conf_pool, g_conf_mu, release_conf_lock, apr_pool_cleanup_null);
    apr_thread_create(&thd, NULL, reload_conf, conf_pool, root);
    apr_thread_join(&rv, thd);
    printf("generation %d\n", g_conf_generation);
    apr_pool_destroy(root);
    apr_terminate();
    return 0;
}
