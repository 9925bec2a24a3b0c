// The fixed request pool: the handler registers its cleanups and destroys the pool itself; the
// logger thread only reads the status. Silent.
// pkg-config: apr-1
// rules: apr
#include <apr_general.h>
#include <apr_pools.h>
#include <apr_thread_proc.h>
#include <stdio.h>

struct request {
    apr_pool_t *pool;
    int status;
};

static apr_status_t release_session(void *data)
{
    struct request *req = data;

    req->status = 0;
    return APR_SUCCESS;
}

static void *APR_THREAD_FUNC log_status(apr_thread_t *thd, void *data)
{
    struct request *req = data;

    printf("status %d\n", req->status);
    apr_thread_exit(thd, APR_SUCCESS);
    return NULL;
}

int main(void)
{
    apr_pool_t *root;
    apr_thread_t *thd;
    apr_status_t rv;
    struct request req = {NULL, 200};

    apr_initialize();
    apr_pool_create(&root, NULL);
    apr_pool_create(&req.pool, root);
    apr_pool_cleanup_register(req.pool, &req, release_session, apr_pool_cleanup_null);
    apr_thread_create(&thd, NULL, log_status, &req, root);
    apr_thread_join(&rv, thd);
    apr_pool_clear(req.pool);
    apr_pool_destroy(root);
    apr_terminate();
    return 0;
}
