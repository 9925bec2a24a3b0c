// An array of worker records, each with its own mutex. Worker i locks and unlocks
// g_workers[i].mu around its counter; main collects stats by locking and unlocking every
// record in turn. Everyone unlocks only what they locked.
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 3

struct worker {
    pthread_mutex_t mu;
    pthread_t tid;
    int index;
    long done;
};

static struct worker g_workers[NWORKERS];

static void *worker_main(void *arg)
{
    struct worker *w = &g_workers[*(int *)arg];

    for (int i = 0; i < 100; i++) {
        pthread_mutex_lock(&w->mu);
        w->done++;
        pthread_mutex_unlock(&w->mu);
    }
    return NULL;
}

static long collect_stats(void)
{
    long total = 0;

    for (int i = 0; i < NWORKERS; i++) {
        pthread_mutex_lock(&g_workers[i].mu);
        total += g_workers[i].done;
        pthread_mutex_unlock(&g_workers[i].mu);
    }
    return total;
}

int main(void)
{
    for (int i = 0; i < NWORKERS; i++) {
        pthread_mutex_init(&g_workers[i].mu, NULL);
        g_workers[i].index = i;
        pthread_create(&g_workers[i].tid, NULL, worker_main, &g_workers[i].index);
    }
    printf("in flight: %ld\n", collect_stats());
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(g_workers[i].tid, NULL);
    printf("done: %ld\n", collect_stats());
    return 0;
}
