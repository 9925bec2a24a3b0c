// A global array of shard locks: main locks and unlocks shard 0 around its own work, and each
// compactor locks and unlocks g_shard_locks[shard] for the shard number it was given.
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

    pthread_mutex_lock(&g_shard_locks[shard]);
    g_shard_size[shard] /= 2;
    pthread_mutex_unlock(&g_shard_locks[shard]);
    return NULL;
}

int main(void)
{
    pthread_t tids[NSHARDS];

    pthread_mutex_lock(&g_shard_locks[0]);
    g_shard_size[0] += 1;
    for (uintptr_t i = 1; i < NSHARDS; i++)
        pthread_create(&tids[i], NULL, shard_compactor, (void *)i);
    pthread_mutex_unlock(&g_shard_locks[0]);
    for (int i = 1; i < NSHARDS; i++)
        pthread_join(tids[i], NULL);
    for (int i = 0; i < NSHARDS; i++)
        printf("shard %d: %d\n", i, g_shard_size[i]);
    return 0;
}
