// An indexer hands each batch to a GThreadPool while it still holds the index lock, and the
// pool's function unlocks it when the batch is written: the GMutex is unlocked on a pool thread
// though the main thread locked it. The pool's function receives the data g_thread_pool_push
// was given.
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
    batch->index->documents += batch->count;
    g_mutex_unlock(&batch->index->mu); // expect: cross-task-exit {{GMutex 'batch->index->mu' is unlocked in thread 'write_batch' but was locked in thread 'main'}}
    g_free(batch);
}

int main(void)
{
    struct search_index index = {0};
    GThreadPool *pool;
    struct index_batch *batch;

    g_mutex_init(&index.mu);
    pool = g_thread_pool_new(write_batch, NULL, 2, FALSE, NULL);
    batch = g_new0(struct index_batch, 1);
    batch->index = &index;
    batch->count = 10;
    g_mutex_lock(&index.mu);
    g_thread_pool_push(pool, batch, NULL);
    g_thread_pool_free(pool, FALSE, TRUE);
    g_print("%u documents\n", index.documents);
    g_mutex_clear(&index.mu);
    return 0;
}
