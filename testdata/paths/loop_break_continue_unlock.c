// A drain loop locks the queue on every iteration and unlocks before `continue`, before
// `break` and at the end of the body.
#include <pthread.h>
#include <stdio.h>

struct job_queue {
    pthread_mutex_t mu;
    int jobs[16];
    int head, tail;
    int skipped, done;
};

static void *drain_worker(void *arg)
{
    struct job_queue *q = arg;

    for (;;) {
        int job;

        pthread_mutex_lock(&q->mu);
        if (q->head == q->tail) {
            pthread_mutex_unlock(&q->mu);
            break;
        }
        job = q->jobs[q->head++];
        if (job < 0) {
            q->skipped++;
            pthread_mutex_unlock(&q->mu);
            continue;
        }
        q->done += job;
        pthread_mutex_unlock(&q->mu);
    }
    return NULL;
}

int main(void)
{
    struct job_queue q = {.head = 0, .tail = 0};
    pthread_t tid;

    pthread_mutex_init(&q.mu, NULL);
    pthread_mutex_lock(&q.mu);
    for (int i = 0; i < 10; i++)
        q.jobs[q.tail++] = i % 3 == 0 ? -1 : i;
    pthread_mutex_unlock(&q.mu);
    if (pthread_create(&tid, NULL, drain_worker, &q) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("done %d, skipped %d\n", q.done, q.skipped);
    pthread_mutex_destroy(&q.mu);
    return 0;
}
