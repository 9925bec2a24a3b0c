// Legacy code uses a mutex as a "still running" flag: main locks g_done_mu before starting
// the workers, and the last worker to finish unlocks g_done_mu to say that all are done.
// The unlock is in a worker that never locked that mutex.
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 3

static pthread_mutex_t g_done_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t g_count_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_remaining = NWORKERS;
static long g_results[NWORKERS];

static void *crunch_worker(void *arg)
{
    int id = *(int *)arg;
    int last;

    for (long i = 0; i < 1000; i++)
        g_results[id] += i % (id + 2);
    pthread_mutex_lock(&g_count_mu);
    last = --g_remaining == 0;
    pthread_mutex_unlock(&g_count_mu);
    if (last)
        pthread_mutex_unlock(&g_done_mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t tids[NWORKERS];
    int ids[NWORKERS];
    long total = 0;

    pthread_mutex_lock(&g_done_mu);
    for (int i = 0; i < NWORKERS; i++) {
        ids[i] = i;
        pthread_create(&tids[i], NULL, crunch_worker, &ids[i]);
    }
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(tids[i], NULL);
    for (int i = 0; i < NWORKERS; i++)
        total += g_results[i];
    printf("total %ld\n", total);
    return 0;
}
