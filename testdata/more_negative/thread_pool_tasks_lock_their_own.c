// A tiny thread pool runs queued (fn, arg) tasks; the ledger task locks and unlocks the ledger
// itself on the pool thread. Main takes the ledger lock only after the pool has stopped.
#include <pthread.h>
#include <stdio.h>

struct task {
    void (*fn)(void *arg);
    void *arg;
};

struct pool {
    pthread_mutex_t qmu;
    pthread_cond_t qcv;
    struct task queue[8];
    int head, tail, stop;
};

struct ledger {
    pthread_mutex_t mu;
    long balance;
};

static void ledger_deposit(void *arg)
{
    struct ledger *l = arg;

    pthread_mutex_lock(&l->mu);
    l->balance += 100;
    pthread_mutex_unlock(&l->mu);
}

static void *pool_worker(void *arg)
{
    struct pool *p = arg;

    for (;;) {
        pthread_mutex_lock(&p->qmu);
        while (p->head == p->tail && !p->stop)
            pthread_cond_wait(&p->qcv, &p->qmu);
        if (p->head == p->tail) {
            pthread_mutex_unlock(&p->qmu);
            return NULL;
        }
        struct task t = p->queue[p->head++ % 8];
        pthread_mutex_unlock(&p->qmu);
        t.fn(t.arg);
    }
}

static void pool_submit(struct pool *p, void (*fn)(void *), void *arg)
{
    pthread_mutex_lock(&p->qmu);
    p->queue[p->tail % 8].fn = fn;
    p->queue[p->tail % 8].arg = arg;
    p->tail++;
    pthread_cond_signal(&p->qcv);
    pthread_mutex_unlock(&p->qmu);
}

int main(void)
{
    struct pool pool = {.qmu = PTHREAD_MUTEX_INITIALIZER, .qcv = PTHREAD_COND_INITIALIZER};
    struct ledger ledger = {.mu = PTHREAD_MUTEX_INITIALIZER, .balance = 0};
    pthread_t tid;

    if (pthread_create(&tid, NULL, pool_worker, &pool) != 0)
        return 1;
    for (int i = 0; i < 3; i++)
        pool_submit(&pool, ledger_deposit, &ledger);
    pthread_mutex_lock(&pool.qmu);
    pool.stop = 1;
    pthread_cond_broadcast(&pool.qcv);
    pthread_mutex_unlock(&pool.qmu);
    pthread_join(tid, NULL);
    pthread_mutex_lock(&ledger.mu);
    printf("balance %ld\n", ledger.balance);
    pthread_mutex_unlock(&ledger.mu);
    return 0;
}
