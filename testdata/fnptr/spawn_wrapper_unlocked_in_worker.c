// Threads start through a project wrapper, spawn_worker(fn, arg), that passes its parameters
// to pthread_create; the worker it starts unlocks the conn_pool lock main holds.
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

static void *pool_grow_worker(void *arg)
{
    struct conn_pool *pool = arg;

    pool->nconns += 4;
    pthread_mutex_unlock(&pool->mu); // expect: cross-task-exit {{'pool->mu'}}
    return NULL;
}

int main(void)
{
    struct conn_pool pool = {.nconns = 2};
    pthread_t tid;

    pthread_mutex_init(&pool.mu, NULL);
    pthread_mutex_lock(&pool.mu);
    tid = spawn_worker(pool_grow_worker, &pool);
    pthread_join(tid, NULL);
    printf("%d connections\n", pool.nconns);
    pthread_mutex_destroy(&pool.mu);
    return 0;
}
