// Hash table with per-bucket locks: bucket_for(key) computes the bucket, and both the lock and
// the unlock call it again (`pthread_mutex_lock(&bucket_for(key)->lock)`). Workers and main
// each unlock the bucket they locked.
#include <pthread.h>
#include <stdio.h>

#define NBUCKETS 8

struct bucket {
    pthread_mutex_t lock;
    int count;
};

static struct bucket table[NBUCKETS];

static struct bucket *bucket_for(unsigned key)
{
    return &table[(key * 2654435761u) % NBUCKETS];
}

static void table_add(unsigned key)
{
    pthread_mutex_lock(&bucket_for(key)->lock);
    bucket_for(key)->count++;
    pthread_mutex_unlock(&bucket_for(key)->lock);
}

static void *adder(void *arg)
{
    unsigned base = *(unsigned *)arg;

    for (unsigned k = base; k < base + 50; k++)
        table_add(k);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    unsigned bases[2] = {0, 1000};
    int total = 0;

    for (int i = 0; i < NBUCKETS; i++)
        pthread_mutex_init(&table[i].lock, NULL);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, adder, &bases[i]);
    table_add(42);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < NBUCKETS; i++)
        total += table[i].count;
    printf("%d keys\n", total);
    return 0;
}
