// release() unlocks whatever pthread_mutex_t * it is given. Main calls it on g_config_mu, which
// main locked; the worker calls it on g_metrics_mu, which the worker locked. The helper is
// shared, the locks are not.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_config_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t g_metrics_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_config_version, g_metrics_count;

static void acquire(pthread_mutex_t *mu)
{
    pthread_mutex_lock(mu);
}

static void release(pthread_mutex_t *mu)
{
    pthread_mutex_unlock(mu);
}

static void *metrics_thread(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10; i++) {
        acquire(&g_metrics_mu);
        g_metrics_count++;
        release(&g_metrics_mu);
    }
    return NULL;
}

int main(void)
{
    pthread_t tid;

    acquire(&g_config_mu);
    if (pthread_create(&tid, NULL, metrics_thread, NULL) != 0)
        return 1;
    g_config_version = 2;
    release(&g_config_mu);
    pthread_join(tid, NULL);
    printf("config v%d, %d metrics\n", g_config_version, g_metrics_count);
    return 0;
}
