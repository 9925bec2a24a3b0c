// The correct version of a completion signal: workers decrement a counter under a mutex they
// lock and unlock themselves, and the last one posts a semaphore that main waits on.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#define NWORKERS 3

static pthread_mutex_t g_count_mu = PTHREAD_MUTEX_INITIALIZER;
static sem_t g_all_done;
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
        sem_post(&g_all_done);
    return NULL;
}

int main(void)
{
    pthread_t tids[NWORKERS];
    int ids[NWORKERS];
    long total = 0;

    sem_init(&g_all_done, 0, 0);
    for (int i = 0; i < NWORKERS; i++) {
        ids[i] = i;
        pthread_create(&tids[i], NULL, crunch_worker, &ids[i]);
    }
    sem_wait(&g_all_done);
    pthread_mutex_lock(&g_count_mu);
    printf("remaining %d\n", g_remaining);
    pthread_mutex_unlock(&g_count_mu);
    for (int i = 0; i < NWORKERS; i++) {
        pthread_join(tids[i], NULL);
        total += g_results[i];
    }
    printf("total %ld\n", total);
    sem_destroy(&g_all_done);
    return 0;
}
