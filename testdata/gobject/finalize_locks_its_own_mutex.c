// A download queue whose finalize takes and releases its own lock to drain the queue, and a
// worker that drops the last reference: the finalize runs there, but enters and exits its own
// scope. Silent (it runs cleanly: no GLib critical, no deadlock).
// pkg-config: gobject-2.0
// rules: glib
#include <glib-object.h>

#define DL_TYPE_QUEUE (dl_queue_get_type())
G_DECLARE_FINAL_TYPE(DlQueue, dl_queue, DL, QUEUE, GObject)

struct _DlQueue {
    GObject parent_instance;
    GMutex lock;
    GQueue items;
};

G_DEFINE_TYPE(DlQueue, dl_queue, G_TYPE_OBJECT)

static void dl_queue_finalize(GObject *object)
{
    DlQueue *self = DL_QUEUE(object);

    g_mutex_lock(&self->lock);
    g_queue_clear_full(&self->items, g_free);
    g_mutex_unlock(&self->lock);
    g_mutex_clear(&self->lock);
    G_OBJECT_CLASS(dl_queue_parent_class)->finalize(object);
}

static void dl_queue_class_init(DlQueueClass *klass)
{
    G_OBJECT_CLASS(klass)->finalize = dl_queue_finalize;
}

static void dl_queue_init(DlQueue *self)
{
    g_mutex_init(&self->lock);
    g_queue_init(&self->items);
}

static gpointer download_thread(gpointer data)
{
    DlQueue *queue = data;

    g_mutex_lock(&queue->lock);
    g_queue_push_tail(&queue->items, g_strdup("https://example.org/a.iso"));
    g_mutex_unlock(&queue->lock);
    g_object_unref(queue);
    return NULL;
}

int main(void)
{
    DlQueue *queue = g_object_new(DL_TYPE_QUEUE, NULL);
    GThread *t;

    g_mutex_lock(&queue->lock);
    g_queue_push_tail(&queue->items, g_strdup("https://example.org/b.iso"));
    g_mutex_unlock(&queue->lock);
    t = g_thread_new("download", download_thread, queue);
    g_thread_join(t);
    return 0;
}
