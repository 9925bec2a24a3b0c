// C11 threads: main locks one element of an array of shards and hands &shards[i] to a
// thrd_create'd rebalancer, which unlocks it.
// rules: posix c11
#include <stdio.h>
#include <threads.h>

struct shard {
    mtx_t mu;
    int keys;
};

static struct shard g_shards[4];

static int rebalancer(void *arg)
{
    struct shard *s = arg;

    s->keys -= 5;
    mtx_unlock(&s->mu); // expect: cross-task-exit
    return 0;
}

int main(void)
{
    thrd_t tid;
    int hot = 2;

    for (int i = 0; i < 4; i++) {
        mtx_init(&g_shards[i].mu, mtx_plain);
        g_shards[i].keys = 10 * (i + 1);
    }
    mtx_lock(&g_shards[hot].mu);
    if (thrd_create(&tid, rebalancer, &g_shards[hot]) != thrd_success)
        return 1;
    thrd_join(tid, NULL);
    printf("shard %d has %d keys\n", hot, g_shards[hot].keys);
    for (int i = 0; i < 4; i++)
        mtx_destroy(&g_shards[i].mu);
    return 0;
}
