// Threads start through spawn_worker(fn, arg); the worker locks and unlocks the pool itself.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct conn_pool {
    pthread_mutex_t mu;
    int nconns;
};

static pthread_t spawn_worker(void *(*fn)(void *), void *arg)
{
    pthread_t tid;

    if (pthread_create(&tid, NULL, fn, arg) != 0)
        abort();
    return tid;
}

static void *pool_refill_worker(void *arg)
{
    struct conn_pool *pool = arg;

    pthread_mutex_lock(&pool->mu);
    pool->nconns += 4;
    pthread_mutex_unlock(&pool->mu);
    return NULL;
}

int main(void)
{
    struct conn_pool pool = {.nconns = 2};
    pthread_t tids[2];
    int nconns;

    pthread_mutex_init(&pool.mu, NULL);
    for (int i = 0; i < 2; i++)
        tids[i] = spawn_worker(pool_refill_worker, &pool);
    for (int i = 0; i < 2; i++)
        pthread_join(tids[i], NULL);
    pthread_mutex_lock(&pool.mu);
    nconns = pool.nconns;
    pthread_mutex_unlock(&pool.mu);
    printf("%d connections\n", nconns);
    pthread_mutex_destroy(&pool.mu);
    return 0;
}
