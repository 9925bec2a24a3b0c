// A connection pool: pool_checkout() locks a free connection and returns it. Main checks a
// connection out and hands it to a request thread in the request struct; the request thread
// returns it with pool_checkin(), which unlocks a lock main took.
#include <pthread.h>
#include <stdio.h>

#define POOL_SIZE 4

struct db_conn {
    pthread_mutex_t mu;
    int id;
    int in_use;
};

struct conn_pool {
    struct db_conn conns[POOL_SIZE];
};

struct request {
    struct conn_pool *pool;
    struct db_conn *conn;
    const char *sql;
};

static struct db_conn *pool_checkout(struct conn_pool *pool)
{
    for (int i = 0; i < POOL_SIZE; i++) {
        struct db_conn *c = &pool->conns[i];

        if (pthread_mutex_trylock(&c->mu) == 0) {
            c->in_use = 1;
            return c;
        }
    }
    return NULL;
}

static void pool_checkin(struct conn_pool *pool, struct db_conn *c)
{
    (void)pool;
    c->in_use = 0;
    pthread_mutex_unlock(&c->mu); // expect: cross-task-exit
}

static void *request_thread(void *arg)
{
    struct request *req = arg;

    printf("conn %d: %s\n", req->conn->id, req->sql);
    pool_checkin(req->pool, req->conn);
    return NULL;
}

int main(void)
{
    static struct conn_pool pool;
    struct request req = {.pool = &pool, .sql = "SELECT 1"};
    pthread_t tid;

    for (int i = 0; i < POOL_SIZE; i++) {
        pthread_mutex_init(&pool.conns[i].mu, NULL);
        pool.conns[i].id = i;
    }
    req.conn = pool_checkout(&pool);
    if (!req.conn)
        return 1;
    if (pthread_create(&tid, NULL, request_thread, &req) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
