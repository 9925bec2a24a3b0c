// Main takes the ring buffer's spinlock and the consumer thread releases it.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

struct ring {
    pthread_spinlock_t lock;
    int slots[4];
    int head;
};

static void *ring_consumer(void *arg)
{
    struct ring *ring = arg;
    int value = ring->slots[ring->head];

    ring->head = (ring->head + 1) % 4;
    pthread_spin_unlock(&ring->lock); // expect: cross-task-exit {{pthread spinlock 'ring->lock'}}
    printf("consumed %d\n", value);
    return NULL;
}

int main(void)
{
    struct ring ring = {.slots = {5, 6, 7, 8}, .head = 0};
    pthread_t tid;

    pthread_spin_init(&ring.lock, PTHREAD_PROCESS_PRIVATE);
    pthread_spin_lock(&ring.lock);
    if (pthread_create(&tid, NULL, ring_consumer, &ring) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_spin_destroy(&ring.lock);
    return 0;
}
