// Each worker locks and unlocks the global mutex itself; main does the same: no crossing.
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 3

static pthread_mutex_t g_stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long g_requests_served;

static void *stats_worker(void *arg)
{
    long batch = *(const long *)arg;

    for (int i = 0; i < 100; i++) {
        pthread_mutex_lock(&g_stats_mu);
        g_requests_served += batch;
        pthread_mutex_unlock(&g_stats_mu);
    }
    return NULL;
}

int main(void)
{
    pthread_t tids[NWORKERS];
    long batches[NWORKERS] = {1, 2, 3};
    long total;

    for (int i = 0; i < NWORKERS; i++) {
        if (pthread_create(&tids[i], NULL, stats_worker, &batches[i]) != 0)
            return 1;
    }
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(tids[i], NULL);

    pthread_mutex_lock(&g_stats_mu);
    total = g_requests_served;
    pthread_mutex_unlock(&g_stats_mu);
    printf("served %ld requests\n", total);
    return 0;
}
