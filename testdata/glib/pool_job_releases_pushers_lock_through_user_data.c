// A cache refresher thread takes the cache lock with cache_begin_refresh() and hands the refresh to
// a GThreadPool; the pool was created with the cache as its user_data, and the job ends the
// refresh with cache_end_refresh(), unlocking on a pool thread the GMutex the refresher locked.
// The eviction pool beside it locks and unlocks the same cache in each job: silent.
// pkg-config: glib-2.0
#include <glib.h>

struct cache {
    GMutex lock;
    GHashTable *entries;
    guint generation;
};

static void cache_begin_refresh(struct cache *c)
{
    g_mutex_lock(&c->lock);
    c->generation++;
}

static void cache_end_refresh(struct cache *c)
{
    g_mutex_unlock(&c->lock); // expect: cross-task-exit {{GMutex 'c->lock' is unlocked in thread 'apply_refresh' but was locked in thread 'refresher_main'}}
}

static void apply_refresh(gpointer job, gpointer user_data)
{
    struct cache *c = user_data;

    g_hash_table_replace(c->entries, g_strdup_printf("k%d", GPOINTER_TO_INT(job)), GINT_TO_POINTER(1));
    cache_end_refresh(c);
}

static void evict_one(gpointer job, gpointer user_data)
{
    struct cache *c = user_data;
    char key[16];

    g_snprintf(key, sizeof key, "k%d", GPOINTER_TO_INT(job));
    g_mutex_lock(&c->lock);
    g_hash_table_remove(c->entries, key);
    g_mutex_unlock(&c->lock);
}

struct refresher {
    struct cache *cache;
    GThreadPool *pool;
};

static gpointer refresher_main(gpointer data)
{
    struct refresher *r = data;

    cache_begin_refresh(r->cache);
    g_thread_pool_push(r->pool, GINT_TO_POINTER(7), NULL);
    return NULL;
}

int main(void)
{
    struct cache cache = {0};
    struct refresher r;
    GThreadPool *evictor;
    GThread *t;

    g_mutex_init(&cache.lock);
    cache.entries = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    r.cache = &cache;
    r.pool = g_thread_pool_new(apply_refresh, &cache, 1, TRUE, NULL);
    evictor = g_thread_pool_new(evict_one, &cache, 2, FALSE, NULL);
    t = g_thread_new("refresher", refresher_main, &r);
    g_thread_join(t);
    g_thread_pool_free(r.pool, FALSE, TRUE);
    g_thread_pool_push(evictor, GINT_TO_POINTER(7), NULL);
    g_thread_pool_free(evictor, FALSE, TRUE);
    g_print("%u entries\n", g_hash_table_size(cache.entries));
    g_hash_table_destroy(cache.entries);
    return 0;
}
