// C11 producer/consumer with mtx_t and cnd_t: the producer pushes job numbers, two consumers
// pop them under the queue mutex, and a negative number tells a consumer to stop.
// rules: posix c11
#include <stdio.h>
#include <threads.h>

#define CAP 16

static struct {
    mtx_t mtx;
    cnd_t cnd;
    int jobs[CAP];
    int n;
} q;

static void q_push(int job)
{
    mtx_lock(&q.mtx);
    q.jobs[q.n++] = job;
    cnd_signal(&q.cnd);
    mtx_unlock(&q.mtx);
}

static int q_pop(void)
{
    int job;

    mtx_lock(&q.mtx);
    while (q.n == 0)
        cnd_wait(&q.cnd, &q.mtx);
    job = q.jobs[--q.n];
    mtx_unlock(&q.mtx);
    return job;
}

static int consumer(void *arg)
{
    int done = 0;

    (void)arg;
    while (q_pop() >= 0)
        done++;
    return done;
}

int main(void)
{
    thrd_t c[2];
    int done;

    mtx_init(&q.mtx, mtx_plain);
    cnd_init(&q.cnd);
    for (int i = 0; i < 2; i++)
        thrd_create(&c[i], consumer, NULL);
    for (int j = 0; j < 10; j++)
        q_push(j);
    q_push(-1);
    q_push(-1);
    for (int i = 0; i < 2; i++) {
        thrd_join(c[i], &done);
        printf("consumer %d did %d jobs\n", i, done);
    }
    cnd_destroy(&q.cnd);
    mtx_destroy(&q.mtx);
    return 0;
}
