// The compactor thread locks every shard by walking the shard list, compacts them and walks
// the list again to unlock each shard: the cursor is null when each walk ends, but the locks
// taken through it are held until the second walk releases them, in the same thread.
#include <pthread.h>
#include <stdio.h>

struct shard {
    pthread_mutex_t mu;
    struct shard *next;
    int entries;
};

static void lock_all(struct shard *shards)
{
    for (struct shard *s = shards; s; s = s->next)
        pthread_mutex_lock(&s->mu);
}

static void unlock_all(struct shard *shards)
{
    for (struct shard *s = shards; s; s = s->next)
        pthread_mutex_unlock(&s->mu);
}

static void *compactor(void *arg)
{
    struct shard *shards = arg;
    lock_all(shards);
    for (struct shard *s = shards; s; s = s->next)
        s->entries /= 2;
    unlock_all(shards);
    return NULL;
}

int main(void)
{
    struct shard shards[4];
    pthread_t tid;

    for (int i = 0; i < 4; i++) {
        pthread_mutex_init(&shards[i].mu, NULL);
        shards[i].entries = i * 10;
        shards[i].next = i < 3 ? &shards[i + 1] : NULL;
    }
    if (pthread_create(&tid, NULL, compactor, shards) != 0)
        return 1;
    pthread_join(tid, NULL);
    lock_all(shards);
    printf("first shard: %d entries\n", shards[0].entries);
    unlock_all(shards);
    return 0;
}
