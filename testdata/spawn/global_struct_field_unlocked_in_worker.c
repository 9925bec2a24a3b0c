// The connection pool is a global struct; main locks g_pool.mu and the reaper thread unlocks it.
#include <pthread.h>
#include <stdio.h>

static struct conn_pool {
    pthread_mutex_t mu;
    int idle;
    int in_use;
} g_pool = {PTHREAD_MUTEX_INITIALIZER, 4, 0};

static void *pool_reaper(void *arg)
{
    (void)arg;
    g_pool.idle = 0;
    pthread_mutex_unlock(&g_pool.mu); // expect: cross-task-exit {{'g_pool.mu'}}
    return NULL;
}

int main(void)
{
    pthread_t tid;

    pthread_mutex_lock(&g_pool.mu);
    g_pool.in_use++;
    if (pthread_create(&tid, NULL, pool_reaper, NULL) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("pool: %d idle, %d in use\n", g_pool.idle, g_pool.in_use);
    return 0;
}
