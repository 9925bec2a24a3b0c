// A thumbnail cache holds its lock from thumbnail_cache_begin_batch() until the batch is done,
// and "finishes the batch" in dispose if it is still open. main opens a batch and pushes the
// cache to a thread pool, whose job drops the last reference: dispose unlocks, on a pool
// thread, a GRecMutex main locked (helgrind: "unlocked lock ... currently held by thread #1").
// pkg-config: gobject-2.0
// rules: glib
#include <glib-object.h>

#define THUMB_TYPE_CACHE (thumb_cache_get_type())
G_DECLARE_FINAL_TYPE(ThumbCache, thumb_cache, THUMB, CACHE, GObject)

struct _ThumbCache {
    GObject parent_instance;
    GRecMutex lock;
    gboolean in_batch;
    GPtrArray *pending;
};

G_DEFINE_TYPE(ThumbCache, thumb_cache, G_TYPE_OBJECT)

static void thumb_cache_dispose(GObject *object)
{
    ThumbCache *self = THUMB_CACHE(object);

    if (self->in_batch) {
        self->in_batch = FALSE;
        g_rec_mutex_unlock(&self->lock); // expect: cross-task-exit {{GRecMutex 'self->lock' is unlocked in thread 'render_job' but was locked in thread 'main'}}
    }
    g_clear_pointer(&self->pending, g_ptr_array_unref);
    G_OBJECT_CLASS(thumb_cache_parent_class)->dispose(object);
}

static void thumb_cache_class_init(ThumbCacheClass *klass)
{
    G_OBJECT_CLASS(klass)->dispose = thumb_cache_dispose;
}

static void thumb_cache_init(ThumbCache *self)
{
    g_rec_mutex_init(&self->lock);
    self->pending = g_ptr_array_new_with_free_func(g_free);
}

static void thumb_cache_begin_batch(ThumbCache *self)
{
    g_rec_mutex_lock(&self->lock);
    self->in_batch = TRUE;
}

static void render_job(gpointer data, gpointer user_data)
{
    ThumbCache *cache = data;

    (void)user_data;
    g_ptr_array_add(cache->pending, g_strdup("thumb-0001.png"));
    g_object_unref(cache);
}

int main(void)
{
    ThumbCache *cache = g_object_new(THUMB_TYPE_CACHE, NULL);
    GThreadPool *pool = g_thread_pool_new(render_job, NULL, 1, FALSE, NULL);

    thumb_cache_begin_batch(cache);
    g_thread_pool_push(pool, cache, NULL);
    g_thread_pool_free(pool, FALSE, TRUE);
    return 0;
}
