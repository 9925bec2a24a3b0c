// The flusher trylocks the queue and, when that fails (main holds the lock), gives up without
// unlocking; main unlocks its own lock after the join.
#include <pthread.h>
#include <stdio.h>

struct job_queue {
    pthread_mutex_t mu;
    int pending;
    int flushed;
};

static void *flush_worker(void *arg)
{
    struct job_queue *q = arg;

    if (pthread_mutex_trylock(&q->mu) != 0)
        return NULL; /* busy: try again on the next tick */
    q->flushed += q->pending;
    q->pending = 0;
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

int main(void)
{
    struct job_queue q = {.pending = 3};
    pthread_t tid;

    pthread_mutex_init(&q.mu, NULL);
    pthread_mutex_lock(&q.mu);
    q.pending++;
    if (pthread_create(&tid, NULL, flush_worker, &q) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_unlock(&q.mu);
    printf("%d pending, %d flushed\n", q.pending, q.flushed);
    pthread_mutex_destroy(&q.mu);
    return 0;
}
