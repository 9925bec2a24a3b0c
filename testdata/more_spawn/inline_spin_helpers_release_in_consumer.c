// Static inline helpers wrap the ring's spinlock; main acquires through ring_acquire() and
// the consumer thread releases through ring_release().
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

typedef struct ring {
    pthread_spinlock_t lock;
    int slots[8];
    unsigned head, tail;
} ring_t;

static inline void ring_acquire(ring_t *r)
{
    pthread_spin_lock(&r->lock);
}

static inline void ring_release(ring_t *r)
{
    pthread_spin_unlock(&r->lock); // expect: cross-task-exit
}

static void *ring_consumer(void *arg)
{
    ring_t *r = arg;
    int sum = 0;

    while (r->head != r->tail)
        sum += r->slots[r->head++ % 8];
    ring_release(r);
    printf("consumed sum %d\n", sum);
    return NULL;
}

int main(void)
{
    ring_t ring = {.head = 0, .tail = 0};
    pthread_t tid;

    pthread_spin_init(&ring.lock, PTHREAD_PROCESS_PRIVATE);
    ring_acquire(&ring);
    for (int i = 1; i <= 5; i++)
        ring.slots[ring.tail++ % 8] = i;
    if (pthread_create(&tid, NULL, ring_consumer, &ring) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_spin_destroy(&ring.lock);
    return 0;
}
