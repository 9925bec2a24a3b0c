// The snapshot thread unlocks the store before leaving through pthread_exit(); main locks and
// unlocks the store after the join. Every unlock is paired with its own thread's lock.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_store_mu = PTHREAD_MUTEX_INITIALIZER;
static long g_store_version;

static void take_snapshot(void)
{
    pthread_mutex_lock(&g_store_mu);
    g_store_version++;
    pthread_mutex_unlock(&g_store_mu);
    pthread_exit(NULL);
}

static void *snapshot_thread(void *arg)
{
    (void)arg;
    take_snapshot();
    return NULL;
}

int main(void)
{
    pthread_t tid;

    if (pthread_create(&tid, NULL, snapshot_thread, NULL) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_lock(&g_store_mu);
    printf("store version %ld\n", g_store_version);
    pthread_mutex_unlock(&g_store_mu);
    return 0;
}
