// The warmup thread locks the cache and posts a semaphore; main waits for the post and then
// unlocks the cache itself, never joining the thread first.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static pthread_mutex_t g_cache_mu = PTHREAD_MUTEX_INITIALIZER;
static sem_t g_warm;
static int g_cache_entries;

static void *warmup_thread(void *arg)
{
    int n = *(int *)arg;

    pthread_mutex_lock(&g_cache_mu);
    g_cache_entries = n;
    sem_post(&g_warm);
    return NULL;
}

int main(void)
{
    pthread_t tid;
    int n = 128;

    sem_init(&g_warm, 0, 0);
    if (pthread_create(&tid, NULL, warmup_thread, &n) != 0)
        return 1;
    sem_wait(&g_warm);
    printf("cache warmed with %d entries\n", g_cache_entries);
    pthread_mutex_unlock(&g_cache_mu); // expect: cross-task-exit
    pthread_join(tid, NULL);
    sem_destroy(&g_warm);
    return 0;
}
