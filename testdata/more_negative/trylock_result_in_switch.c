// The prefetcher switches on the result of pthread_mutex_trylock: case 0 works and unlocks,
// case EBUSY skips. Main holds the lock while the prefetcher runs and unlocks it itself.
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

struct page_cache {
    pthread_mutex_t mu;
    int npages;
    int skipped;
};

static void *prefetch_thread(void *arg)
{
    struct page_cache *pc = arg;

    switch (pthread_mutex_trylock(&pc->mu)) {
    case 0:
        pc->npages += 4;
        pthread_mutex_unlock(&pc->mu);
        break;
    case EBUSY:
        pc->skipped = 1;
        break;
    default:
        break;
    }
    return NULL;
}

int main(void)
{
    struct page_cache pc = {.npages = 0};
    pthread_t tid;

    pthread_mutex_init(&pc.mu, NULL);
    pthread_mutex_lock(&pc.mu);
    if (pthread_create(&tid, NULL, prefetch_thread, &pc) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_unlock(&pc.mu);
    printf("pages %d skipped %d\n", pc.npages, pc.skipped);
    return 0;
}
