// C11 threads: every worker locks and unlocks the queue's mtx_t itself, and so does main.
// rules: posix c11
#include <stdio.h>
#include <threads.h>

#define NWORKERS 3

struct work_queue {
    mtx_t mu;
    int pending;
    int done;
};

static int queue_consumer(void *arg)
{
    struct work_queue *q = arg;

    for (;;) {
        mtx_lock(&q->mu);
        if (q->pending == 0) {
            mtx_unlock(&q->mu);
            return 0;
        }
        q->pending--;
        q->done++;
        mtx_unlock(&q->mu);
    }
}

int main(void)
{
    struct work_queue q = {.pending = 0};
    thrd_t tids[NWORKERS];

    if (mtx_init(&q.mu, mtx_plain) != thrd_success)
        return 1;
    mtx_lock(&q.mu);
    q.pending = 30;
    mtx_unlock(&q.mu);
    for (int i = 0; i < NWORKERS; i++) {
        if (thrd_create(&tids[i], queue_consumer, &q) != thrd_success)
            return 1;
    }
    for (int i = 0; i < NWORKERS; i++)
        thrd_join(tids[i], NULL);
    printf("%d done\n", q.done);
    mtx_destroy(&q.mu);
    return 0;
}
