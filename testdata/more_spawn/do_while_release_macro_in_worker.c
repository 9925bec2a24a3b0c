// A RELEASE() macro (do/while(0), with a held flag) unlocks the cache entry; main takes the
// entry with ACQUIRE() and the eviction thread calls RELEASE() on it.
#include <pthread.h>
#include <stdio.h>

#define ACQUIRE(e) do { pthread_mutex_lock(&(e)->mu); (e)->held = 1; } while (0)
#define RELEASE(e)                          \
    do {                                    \
        if ((e)->held) {                    \
            (e)->held = 0;                  \
            pthread_mutex_unlock(&(e)->mu); \
        }                                   \
    } while (0)

struct cache_entry {
    pthread_mutex_t mu;
    int held;
    char key[16];
};

static void *evict_thread(void *arg)
{
    struct cache_entry *e = arg;

    e->key[0] = '\0';
    RELEASE(e); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    struct cache_entry entry = {.held = 0, .key = "user:42"};
    pthread_t tid;

    pthread_mutex_init(&entry.mu, NULL);
    ACQUIRE(&entry);
    if (pthread_create(&tid, NULL, evict_thread, &entry) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("evicted, held=%d\n", entry.held);
    return 0;
}
