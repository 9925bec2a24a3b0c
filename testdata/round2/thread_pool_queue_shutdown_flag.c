// A small thread pool: tasks go on a linked queue guarded by pool->lock; workers sleep on a
// condition variable and leave when the shutdown flag is set. Each task locks its own counter.
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#define WORKERS 3

typedef struct task {
    void (*fn)(void *);
    void *arg;
    struct task *next;
} task_t;

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t notify;
    task_t *head, *tail;
    bool shutdown;
    pthread_t threads[WORKERS];
} threadpool_t;

struct counter {
    pthread_mutex_t mu;
    int value;
};

static void *pool_worker(void *p)
{
    threadpool_t *pool = p;

    for (;;) {
        pthread_mutex_lock(&pool->lock);
        while (pool->head == NULL && !pool->shutdown)
            pthread_cond_wait(&pool->notify, &pool->lock);
        if (pool->head == NULL && pool->shutdown) {
            pthread_mutex_unlock(&pool->lock);
            break;
        }
        task_t *t = pool->head;
        pool->head = t->next;
        if (pool->head == NULL)
            pool->tail = NULL;
        pthread_mutex_unlock(&pool->lock);

        t->fn(t->arg);
        free(t);
    }
    return NULL;
}

static int pool_add(threadpool_t *pool, void (*fn)(void *), void *arg)
{
    task_t *t = malloc(sizeof *t);
    if (!t)
        return -1;
    t->fn = fn;
    t->arg = arg;
    t->next = NULL;
    pthread_mutex_lock(&pool->lock);
    if (pool->tail)
        pool->tail->next = t;
    else
        pool->head = t;
    pool->tail = t;
    pthread_cond_signal(&pool->notify);
    pthread_mutex_unlock(&pool->lock);
    return 0;
}

static void bump(void *arg)
{
    struct counter *c = arg;

    pthread_mutex_lock(&c->mu);
    c->value++;
    pthread_mutex_unlock(&c->mu);
}

int main(void)
{
    threadpool_t pool = {.lock = PTHREAD_MUTEX_INITIALIZER, .notify = PTHREAD_COND_INITIALIZER};
    struct counter hits = {.mu = PTHREAD_MUTEX_INITIALIZER};

    for (int i = 0; i < WORKERS; i++)
        pthread_create(&pool.threads[i], NULL, pool_worker, &pool);
    for (int i = 0; i < 30; i++)
        pool_add(&pool, bump, &hits);

    pthread_mutex_lock(&pool.lock);
    pool.shutdown = true;
    pthread_cond_broadcast(&pool.notify);
    pthread_mutex_unlock(&pool.lock);
    for (int i = 0; i < WORKERS; i++)
        pthread_join(pool.threads[i], NULL);
    printf("hits = %d\n", hits.value);
    return 0;
}
