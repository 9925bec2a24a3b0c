// Classic bounded queue: the producer and the consumer each lock q->mu, wait on condition
// variables and unlock in the same thread. pthread_cond_wait releases and re-acquires the
// mutex inside the waiting thread, so no lock ever changes hands.
#include <pthread.h>
#include <stdio.h>

#define QCAP 4
#define NITEMS 20

struct bounded_queue {
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    int items[QCAP];
    int head, count;
};

static struct bounded_queue g_queue = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
                                       PTHREAD_COND_INITIALIZER, {0}, 0, 0};

static void queue_put(struct bounded_queue *q, int v)
{
    pthread_mutex_lock(&q->mu);
    while (q->count == QCAP)
        pthread_cond_wait(&q->not_full, &q->mu);
    q->items[(q->head + q->count++) % QCAP] = v;
    pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->mu);
}

static int queue_get(struct bounded_queue *q)
{
    int v;

    pthread_mutex_lock(&q->mu);
    while (q->count == 0)
        pthread_cond_wait(&q->not_empty, &q->mu);
    v = q->items[q->head];
    q->head = (q->head + 1) % QCAP;
    q->count--;
    pthread_cond_signal(&q->not_full);
    pthread_mutex_unlock(&q->mu);
    return v;
}

static void *producer(void *arg)
{
    for (int i = 1; i <= NITEMS; i++)
        queue_put(arg, i);
    return NULL;
}

static void *consumer(void *arg)
{
    long *sum = arg;

    for (int i = 0; i < NITEMS; i++)
        *sum += queue_get(&g_queue);
    return NULL;
}

int main(void)
{
    pthread_t prod, cons;
    long sum = 0;

    pthread_create(&cons, NULL, consumer, &sum);
    pthread_create(&prod, NULL, producer, &g_queue);
    pthread_join(prod, NULL);
    pthread_join(cons, NULL);
    printf("sum %ld\n", sum);
    return 0;
}
