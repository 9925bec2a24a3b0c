// The cancellation-safe pattern: the worker locks, pushes a cleanup handler that unlocks,
// and pthread_cleanup_pop(1) runs that handler in the same worker. Main locks the same
// mutex only around its own read.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_spool_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_spool_jobs;

static void unlock_spool(void *arg)
{
    pthread_mutex_unlock(arg);
}

static void *spooler_thread(void *arg)
{
    int njobs = *(int *)arg;

    pthread_mutex_lock(&g_spool_mu);
    pthread_cleanup_push(unlock_spool, &g_spool_mu);
    g_spool_jobs += njobs;
    pthread_cleanup_pop(1);
    return NULL;
}

int main(void)
{
    pthread_t tid;
    int njobs = 7;

    if (pthread_create(&tid, NULL, spooler_thread, &njobs) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_lock(&g_spool_mu);
    printf("%d jobs spooled\n", g_spool_jobs);
    pthread_mutex_unlock(&g_spool_mu);
    return 0;
}
