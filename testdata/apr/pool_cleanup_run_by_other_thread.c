// A request pool: the handler registers two cleanups on the request's pool (the session
// release and the temp-file removal) and hands the pool to a logger thread, which destroys it:
// the cleanups run in the logger thread, not in the task that registered them. Each
// registration is its own scope, so the one destroy is two findings.
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

static apr_status_t remove_temp_file(void *data)
{
    (void)data;
    return APR_SUCCESS;
}

static void *APR_THREAD_FUNC log_and_destroy(apr_thread_t *thd, void *data)
{
    struct request *req = data;

    printf("status %d\n", req->status);
    apr_pool_destroy(req->pool); // expect: cross-task-exit {{APR pool cleanup 'req->pool' is run in thread 'log_and_destroy' but was registered in thread 'main' at testdata/apr/pool_cleanup_run_by_other_thread.c:52}}
    // expect@-1: cross-task-exit {{registered in thread 'main' at testdata/apr/pool_cleanup_run_by_other_thread.c:53}}
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
    apr_pool_cleanup_register(req.pool, NULL, remove_temp_file, apr_pool_cleanup_null);
    apr_thread_create(&thd, NULL, log_and_destroy, &req, root);
    apr_thread_join(&rv, thd);
    apr_pool_destroy(root);
    apr_terminate();
    return 0;
}
