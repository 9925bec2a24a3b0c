// Main locks every shard of the cache by walking the shard list, then hands the cache to a
// resizer thread whose unlock_all() walks the list again and unlocks each shard: mutexes main
// locked, unlocked by the resizer.
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
        pthread_mutex_unlock(&s->mu); // expect: cross-task-exit
}

static void *resizer(void *arg)
{
    struct shard *shards = arg;
    for (struct shard *s = shards; s; s = s->next)
        s->entries *= 2;
    unlock_all(shards);
    return NULL;
}

int main(void)
{
    struct shard shards[4];
    pthread_t tid;

    for (int i = 0; i < 4; i++) {
        pthread_mutex_init(&shards[i].mu, NULL);
        shards[i].entries = i;
        shards[i].next = i < 3 ? &shards[i + 1] : NULL;
    }
    lock_all(shards);
    if (pthread_create(&tid, NULL, resizer, shards) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("resized\n");
    return 0;
}
