// A connection pool: pool_checkout() locks a free connection, pool_checkin() unlocks it.
// Every request thread checks its own connection out and back in; main does the same for
// its health check. No connection is returned by a thread that did not check it out.
#include <pthread.h>
#include <stdio.h>

#define POOL_SIZE 4

struct db_conn {
    pthread_mutex_t mu;
    int id;
    long queries;
};

struct conn_pool {
    struct db_conn conns[POOL_SIZE];
};

static struct db_conn *pool_checkout(struct conn_pool *pool)
{
    for (;;) {
        for (int i = 0; i < POOL_SIZE; i++) {
            if (pthread_mutex_trylock(&pool->conns[i].mu) == 0)
                return &pool->conns[i];
        }
    }
}

static void pool_checkin(struct conn_pool *pool, struct db_conn *c)
{
    (void)pool;
    pthread_mutex_unlock(&c->mu);
}

static void *request_thread(void *arg)
{
    struct conn_pool *pool = arg;

    for (int i = 0; i < 5; i++) {
        struct db_conn *c = pool_checkout(pool);

        c->queries++;
        pool_checkin(pool, c);
    }
    return NULL;
}

int main(void)
{
    static struct conn_pool pool;
    pthread_t tids[3];
    long total = 0;

    for (int i = 0; i < POOL_SIZE; i++) {
        pthread_mutex_init(&pool.conns[i].mu, NULL);
        pool.conns[i].id = i;
    }
    for (int i = 0; i < 3; i++)
        pthread_create(&tids[i], NULL, request_thread, &pool);
    struct db_conn *health = pool_checkout(&pool);
    health->queries++;
    pool_checkin(&pool, health);
    for (int i = 0; i < 3; i++)
        pthread_join(tids[i], NULL);
    for (int i = 0; i < POOL_SIZE; i++)
        total += pool.conns[i].queries;
    printf("%ld queries\n", total);
    return 0;
}
