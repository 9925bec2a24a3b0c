// The fixed indexer: each pool job takes and releases the index lock itself, and the main
// thread's own lock/unlock pairs stay in main. Silent.
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

struct search_index {
    GMutex mu;
    guint documents;
};

struct index_batch {
    struct search_index *index;
    guint count;
};

static void write_batch(gpointer data, gpointer user_data)
{
    struct index_batch *batch = data;

    (void)user_data;
    g_mutex_lock(&batch->index->mu);
    batch->index->documents += batch->count;
    g_mutex_unlock(&batch->index->mu);
    g_free(batch);
}

int main(void)
{
    struct search_index index = {0};
    GThreadPool *pool;

    g_mutex_init(&index.mu);
    pool = g_thread_pool_new(write_batch, NULL, 2, FALSE, NULL);
    for (guint i = 0; i < 4; i++) {
        struct index_batch *batch = g_new0(struct index_batch, 1);
        batch->index = &index;
        batch->count = i + 1;
        g_mutex_lock(&index.mu);
        index.documents++;
        g_mutex_unlock(&index.mu);
        g_thread_pool_push(pool, batch, NULL);
    }
    g_thread_pool_free(pool, FALSE, TRUE);
    g_print("%u documents\n", index.documents);
    g_mutex_clear(&index.mu);
    return 0;
}
