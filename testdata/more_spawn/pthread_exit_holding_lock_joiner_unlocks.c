// The snapshot thread locks the store and leaves through pthread_exit() still holding it;
// main joins it and unlocks the store itself.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_store_mu = PTHREAD_MUTEX_INITIALIZER;
static long g_store_version;

static void take_snapshot(void)
{
    pthread_mutex_lock(&g_store_mu);
    g_store_version++;
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
    printf("store version %ld\n", g_store_version);
    pthread_mutex_unlock(&g_store_mu); // expect: cross-task-exit
    return 0;
}
