// A lock-debugging layer records each lock a thread takes in a _Thread_local list, and
// release_all() unlocks the calling thread's list. Main holds the config lock and the worker
// the stats lock; each releases only its own list, so only its own locks.
#include <pthread.h>
#include <stdio.h>

static _Thread_local pthread_mutex_t *t_held[8];
static _Thread_local int t_nheld;

static pthread_mutex_t g_config_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t g_stats_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_config_rev, g_stats_samples;

static void acquire(pthread_mutex_t *mu)
{
    pthread_mutex_lock(mu);
    t_held[t_nheld++] = mu;
}

static void release_all(void)
{
    while (t_nheld > 0)
        pthread_mutex_unlock(t_held[--t_nheld]);
}

static void *stats_thread(void *arg)
{
    (void)arg;
    acquire(&g_stats_mu);
    g_stats_samples += 3;
    release_all();
    return NULL;
}

int main(void)
{
    pthread_t tid;

    acquire(&g_config_mu);
    if (pthread_create(&tid, NULL, stats_thread, NULL) != 0)
        return 1;
    g_config_rev++;
    release_all();
    pthread_join(tid, NULL);
    printf("config rev %d, %d samples\n", g_config_rev, g_stats_samples);
    return 0;
}
