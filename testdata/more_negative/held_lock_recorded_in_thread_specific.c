// Each thread records the lock it holds in a thread-specific slot and later unlocks whatever
// pthread_getspecific returns. Main holds the catalog lock, the worker the index lock; each
// thread's slot only ever holds its own lock.
#include <pthread.h>
#include <stdio.h>

static pthread_key_t g_held_key;
static pthread_mutex_t g_catalog_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t g_index_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_catalog_items, g_index_terms;

static void hold(pthread_mutex_t *mu)
{
    pthread_mutex_lock(mu);
    pthread_setspecific(g_held_key, mu);
}

static void drop_held(void)
{
    pthread_mutex_t *mu = pthread_getspecific(g_held_key);

    pthread_setspecific(g_held_key, NULL);
    pthread_mutex_unlock(mu);
}

static void *index_thread(void *arg)
{
    (void)arg;
    hold(&g_index_mu);
    g_index_terms += 20;
    drop_held();
    return NULL;
}

int main(void)
{
    pthread_t tid;

    pthread_key_create(&g_held_key, NULL);
    hold(&g_catalog_mu);
    if (pthread_create(&tid, NULL, index_thread, NULL) != 0)
        return 1;
    g_catalog_items = 7;
    drop_held();
    pthread_join(tid, NULL);
    printf("%d items, %d terms\n", g_catalog_items, g_index_terms);
    return 0;
}
