// Hash cache with per-bucket mutexes and a global resize rwlock, always taken in the same
// order: resize lock (read for get/put, write for resize) first, then the bucket mutex.
#define _XOPEN_SOURCE 700
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define NBUCKETS 8

struct bucket {
    pthread_mutex_t mu;
    int keys[16];
    int n;
};

struct cache {
    pthread_rwlock_t resize_lock;
    struct bucket *buckets;
    int nbuckets;
};

static void cache_put(struct cache *c, int key)
{
    pthread_rwlock_rdlock(&c->resize_lock);
    struct bucket *b = &c->buckets[key % c->nbuckets];
    pthread_mutex_lock(&b->mu);
    if (b->n < 16)
        b->keys[b->n++] = key;
    pthread_mutex_unlock(&b->mu);
    pthread_rwlock_unlock(&c->resize_lock);
}

static void cache_clear_all(struct cache *c)
{
    int i;

    pthread_rwlock_wrlock(&c->resize_lock);
    for (i = 0; i < c->nbuckets; i++)
        pthread_mutex_lock(&c->buckets[i].mu);
    for (i = 0; i < c->nbuckets; i++)
        c->buckets[i].n = 0;
    for (i = c->nbuckets - 1; i >= 0; i--)
        pthread_mutex_unlock(&c->buckets[i].mu);
    pthread_rwlock_unlock(&c->resize_lock);
}

static void *inserter(void *arg)
{
    struct cache *c = arg;

    for (int k = 0; k < 40; k++)
        cache_put(c, k);
    return NULL;
}

static void *janitor(void *arg)
{
    cache_clear_all(arg);
    return NULL;
}

int main(void)
{
    struct cache c;
    pthread_t t1, t2, t3;

    pthread_rwlock_init(&c.resize_lock, NULL);
    c.nbuckets = NBUCKETS;
    c.buckets = calloc(NBUCKETS, sizeof(struct bucket));
    for (int i = 0; i < NBUCKETS; i++)
        pthread_mutex_init(&c.buckets[i].mu, NULL);

    pthread_create(&t1, NULL, inserter, &c);
    pthread_create(&t2, NULL, inserter, &c);
    pthread_create(&t3, NULL, janitor, &c);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_join(t3, NULL);
    cache_clear_all(&c);
    free(c.buckets);
    puts("done");
    return 0;
}
