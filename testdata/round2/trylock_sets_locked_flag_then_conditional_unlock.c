// Opportunistic stats: a worker tries the stats lock once per batch; `locked` records whether
// the trylock succeeded and the unlock at the end only runs when it did. main holds the stats
// lock while it prints.
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static int batches_recorded;

static void *batcher(void *arg)
{
    int skipped = 0;

    (void)arg;
    for (int batch = 0; batch < 50; batch++) {
        bool locked = false;

        if (pthread_mutex_trylock(&stats_lock) == 0)
            locked = true;
        if (locked)
            batches_recorded++;
        else
            skipped++;
        /* ... process the batch ... */
        if (locked)
            pthread_mutex_unlock(&stats_lock);
    }
    return (void *)(long)skipped;
}

int main(void)
{
    pthread_t t[2];
    void *skipped;

    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, batcher, NULL);
    for (int round = 0; round < 3; round++) {
        pthread_mutex_lock(&stats_lock);
        printf("recorded so far: %d\n", batches_recorded);
        pthread_mutex_unlock(&stats_lock);
    }
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], &skipped);
        printf("thread %d skipped %ld batches\n", i, (long)skipped);
    }
    return 0;
}
