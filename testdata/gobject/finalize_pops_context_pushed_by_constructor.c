// The sync client of finalize_pops_context_in_worker.c, but its constructor function pushes the
// context (sync_client_new: g_object_new, then push) and main only keeps the pointer it returns.
// The upload thread drops the last reference, so the finalize pops, there, a context that thread
// never pushed (GLib-CRITICAL: g_main_context_pop_thread_default: assertion 'stack != NULL'
// failed).
// pkg-config: gobject-2.0
// rules: glib
#include <glib-object.h>

#define SYNC_TYPE_CLIENT (sync_client_get_type())
G_DECLARE_FINAL_TYPE(SyncClient, sync_client, SYNC, CLIENT, GObject)

struct _SyncClient {
    GObject parent_instance;
    GMainContext *context;
    guint uploads;
};

G_DEFINE_TYPE(SyncClient, sync_client, G_TYPE_OBJECT)

static void sync_client_finalize(GObject *object)
{
    SyncClient *self = SYNC_CLIENT(object);

    g_main_context_pop_thread_default(self->context); // expect-fixme: cross-task-exit {{the push is of a field of an object a library call returned (g_object_new) inside a constructor function: the resource, lost in the constructor's summary, stands as (struct type, field), which the pop's path bound to main's pointer does not meet}}
    g_main_context_unref(self->context);
    G_OBJECT_CLASS(sync_client_parent_class)->finalize(object);
}

static void sync_client_class_init(SyncClientClass *klass)
{
    GObjectClass *object_class = G_OBJECT_CLASS(klass);

    object_class->finalize = sync_client_finalize;
}

static void sync_client_init(SyncClient *self)
{
    self->context = g_main_context_new();
}

static SyncClient *sync_client_new(void)
{
    SyncClient *self = g_object_new(SYNC_TYPE_CLIENT, NULL);

    g_main_context_push_thread_default(self->context);
    return self;
}

static gpointer upload_thread(gpointer data)
{
    SyncClient *client = data;

    client->uploads++;
    g_object_unref(client); /* the last reference */
    return NULL;
}

int main(void)
{
    SyncClient *client = sync_client_new();
    GThread *uploader = g_thread_new("upload", upload_thread, client);

    g_thread_join(uploader);
    return 0;
}
