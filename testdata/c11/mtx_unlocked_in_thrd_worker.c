// C11 threads: main locks the queue's mtx_t and the thrd_create'd worker unlocks it.
// rules: posix c11
#include <stdio.h>
#include <threads.h>

struct work_queue {
    mtx_t mu;
    int pending;
};

static int queue_worker(void *arg)
{
    struct work_queue *q = arg;

    q->pending = 0;
    mtx_unlock(&q->mu); // expect: cross-task-exit {{c11 mutex 'q->mu'}}
    return 0;
}

int main(void)
{
    struct work_queue q = {.pending = 5};
    thrd_t tid;

    if (mtx_init(&q.mu, mtx_plain) != thrd_success)
        return 1;
    mtx_lock(&q.mu); // expect-note: {{locked here}}
    if (thrd_create(&tid, queue_worker, &q) != thrd_success)
        return 1;
    thrd_join(tid, NULL);
    printf("%d pending\n", q.pending);
    mtx_destroy(&q.mu);
    return 0;
}
