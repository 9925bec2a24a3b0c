// Main and the reaper thread each lock and unlock g_pool.mu around their own update.
#include <pthread.h>
#include <stdio.h>

static struct conn_pool {
    pthread_mutex_t mu;
    int idle;
    int in_use;
} g_pool = {PTHREAD_MUTEX_INITIALIZER, 4, 0};

static void *pool_trimmer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_pool.mu);
    if (g_pool.idle > 2)
        g_pool.idle = 2;
    pthread_mutex_unlock(&g_pool.mu);
    return NULL;
}

int main(void)
{
    pthread_t tid;
    int idle, in_use;

    if (pthread_create(&tid, NULL, pool_trimmer, NULL) != 0)
        return 1;
    pthread_mutex_lock(&g_pool.mu);
    g_pool.in_use++;
    pthread_mutex_unlock(&g_pool.mu);
    pthread_join(tid, NULL);

    pthread_mutex_lock(&g_pool.mu);
    idle = g_pool.idle;
    in_use = g_pool.in_use;
    pthread_mutex_unlock(&g_pool.mu);
    printf("pool: %d idle, %d in use\n", idle, in_use);
    return 0;
}
