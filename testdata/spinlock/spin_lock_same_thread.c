// Producer (main) and consumer thread each take and release the ring's spinlock themselves.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

struct ring {
    pthread_spinlock_t lock;
    int slots[4];
    int head, count;
};

static void *ring_drainer(void *arg)
{
    struct ring *ring = arg;
    int consumed = 0;

    for (int i = 0; i < 4; i++) {
        pthread_spin_lock(&ring->lock);
        if (ring->count > 0) {
            ring->head = (ring->head + 1) % 4;
            ring->count--;
            consumed++;
        }
        pthread_spin_unlock(&ring->lock);
    }
    printf("consumed %d\n", consumed);
    return NULL;
}

int main(void)
{
    struct ring ring = {.head = 0, .count = 0};
    pthread_t tid;

    pthread_spin_init(&ring.lock, PTHREAD_PROCESS_PRIVATE);
    if (pthread_create(&tid, NULL, ring_drainer, &ring) != 0)
        return 1;
    for (int i = 0; i < 4; i++) {
        pthread_spin_lock(&ring.lock);
        if (ring.count < 4) {
            ring.slots[(ring.head + ring.count) % 4] = i;
            ring.count++;
        }
        pthread_spin_unlock(&ring.lock);
    }
    pthread_join(tid, NULL);
    pthread_spin_destroy(&ring.lock);
    return 0;
}
