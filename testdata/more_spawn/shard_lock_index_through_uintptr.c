// A global array of shard locks. Main locks shard 2 and passes the shard number to the
// compactor cast through uintptr_t; the compactor unlocks g_shard_locks[shard].
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NSHARDS 4

static pthread_mutex_t g_shard_locks[NSHARDS] = {
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
};
static int g_shard_size[NSHARDS] = {10, 20, 30, 40};

static void *shard_compactor(void *arg)
{
    uintptr_t shard = (uintptr_t)arg;

    g_shard_size[shard] /= 2;
    pthread_mutex_unlock(&g_shard_locks[shard]); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t tid;
    uintptr_t shard = 2;

    pthread_mutex_lock(&g_shard_locks[shard]);
    if (pthread_create(&tid, NULL, shard_compactor, (void *)shard) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("shard %u now %d\n", (unsigned)shard, g_shard_size[shard]);
    return 0;
}
