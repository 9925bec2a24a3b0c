// Hash buckets reached by pointer arithmetic (table->buckets + i). Each rehash worker locks
// and unlocks its own bucket; main locks and unlocks bucket 0 for its own insert.
#include <pthread.h>
#include <stdio.h>

#define NBUCKETS 4

struct bucket {
    pthread_mutex_t mu;
    int nkeys;
};

struct hash_table {
    struct bucket buckets[NBUCKETS];
};

struct rehash_job {
    struct hash_table *table;
    int index;
};

static void *rehash_worker(void *arg)
{
    struct rehash_job *job = arg;
    struct bucket *b = job->table->buckets + job->index;

    pthread_mutex_lock(&b->mu);
    b->nkeys *= 2;
    pthread_mutex_unlock(&b->mu);
    return NULL;
}

int main(void)
{
    static struct hash_table table;
    struct rehash_job jobs[NBUCKETS];
    pthread_t tids[NBUCKETS];

    for (int i = 0; i < NBUCKETS; i++) {
        pthread_mutex_init(&table.buckets[i].mu, NULL);
        table.buckets[i].nkeys = i;
    }
    for (int i = 1; i < NBUCKETS; i++) {
        jobs[i].table = &table;
        jobs[i].index = i;
        pthread_create(&tids[i], NULL, rehash_worker, &jobs[i]);
    }
    pthread_mutex_lock(&(table.buckets + 0)->mu);
    table.buckets[0].nkeys++;
    pthread_mutex_unlock(&(table.buckets + 0)->mu);
    for (int i = 1; i < NBUCKETS; i++)
        pthread_join(tids[i], NULL);
    printf("bucket 3 has %d keys\n", table.buckets[3].nkeys);
    return 0;
}
