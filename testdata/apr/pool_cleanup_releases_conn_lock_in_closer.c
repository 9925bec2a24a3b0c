// Each connection gets a subpool and a cleanup, registered by conn_track(), that unlocks the
// server's APR mutex when the pool goes away. main locks the mutex and tracks the connection;
// the closer thread destroys the connection's pool, so the cleanup runs on the closer and
// unlocks a mutex main holds (helgrind: unlocked lock held by other thread), and the pool
// main filled is closed by another task. The accept thread creates, tracks and destroys its own
// pool: silent.
// pkg-config: apr-1
#include <apr_general.h>
#include <apr_pools.h>
#include <apr_thread_mutex.h>
#include <apr_thread_proc.h>
#include <stdio.h>

struct server {
    apr_thread_mutex_t *conn_lock;
    int open_conns;
};

struct conn {
    struct server *server;
    apr_pool_t *pool;
};

static apr_status_t conn_release(void *data)
{
    struct conn *c = data;

    c->server->open_conns--;
    apr_thread_mutex_unlock(c->server->conn_lock); // expect: cross-task-exit {{APR thread mutex}}
    return APR_SUCCESS;
}

static apr_status_t conn_note_closed(void *data)
{
    struct server *s = data;

    s->open_conns--;
    return APR_SUCCESS;
}

static void conn_track(struct conn *c)
{
    apr_pool_cleanup_register(c->pool, c, conn_release, apr_pool_cleanup_null);
}

static void *APR_THREAD_FUNC closer_main(apr_thread_t *thd, void *data)
{
    struct conn *c = data;

    apr_pool_destroy(c->pool); // expect: cross-task-exit {{APR pool cleanup}}
    apr_thread_exit(thd, APR_SUCCESS);
    return NULL;
}

static void *APR_THREAD_FUNC accept_main(apr_thread_t *thd, void *data)
{
    struct server *s = data;
    apr_pool_t *pool;

    apr_pool_create(&pool, NULL);
    s->open_conns++;
    apr_pool_cleanup_register(pool, s, conn_note_closed, apr_pool_cleanup_null);
    apr_pool_destroy(pool);
    apr_thread_exit(thd, APR_SUCCESS);
    return NULL;
}

int main(void)
{
    apr_pool_t *root;
    struct server srv = {0};
    struct conn c;
    apr_thread_t *closer, *acceptor;
    apr_status_t rv;

    apr_initialize();
    apr_pool_create(&root, NULL);
    apr_thread_mutex_create(&srv.conn_lock, APR_THREAD_MUTEX_DEFAULT, root);
    apr_thread_create(&acceptor, NULL, accept_main, &srv, root);
    apr_thread_join(&rv, acceptor);
    c.server = &srv;
    apr_pool_create(&c.pool, root);
    apr_thread_mutex_lock(srv.conn_lock);
    srv.open_conns++;
    conn_track(&c);
    apr_thread_create(&closer, NULL, closer_main, &c, root);
    apr_thread_join(&rv, closer);
    printf("%d open\n", srv.open_conns);
    apr_pool_destroy(root);
    apr_terminate();
    return 0;
}
