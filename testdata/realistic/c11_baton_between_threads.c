// C11 threads: a "baton" mtx_t is passed between two threads as a turn marker. The producer
// thread locks it when its batch is ready; the consumer thread waits for the ready flag and
// unlocks the baton, a lock it never took.
// rules: posix c11
#include <stdatomic.h>
#include <stdio.h>
#include <threads.h>

struct baton {
    mtx_t mu;
    atomic_int ready;
    int batch[4];
};

static int producer(void *arg)
{
    struct baton *b = arg;

    mtx_lock(&b->mu);
    for (int i = 0; i < 4; i++)
        b->batch[i] = i * i;
    atomic_store(&b->ready, 1);
    return 0;
}

static int consumer(void *arg)
{
    struct baton *b = arg;
    int sum = 0;

    while (!atomic_load(&b->ready))
        thrd_yield();
    for (int i = 0; i < 4; i++)
        sum += b->batch[i];
    mtx_unlock(&b->mu); // expect: cross-task-exit
    printf("batch sum %d\n", sum);
    return 0;
}

int main(void)
{
    struct baton b = {.ready = 0};
    thrd_t prod, cons;

    mtx_init(&b.mu, mtx_plain);
    thrd_create(&cons, consumer, &b);
    thrd_create(&prod, producer, &b);
    thrd_join(prod, NULL);
    thrd_join(cons, NULL);
    return 0;
}
