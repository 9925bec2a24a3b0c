// The same sync client, but the upload thread takes a reference of its own and drops it, and
// main, which pushed the context, drops the last reference after joining it: the finalize, and
// its pop, run in main. Silent (no GLib critical).
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

    g_main_context_pop_thread_default(self->context);
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

/* Makes the client's context the thread default until the client is finalized. */
static void sync_client_attach(SyncClient *self)
{
    g_main_context_push_thread_default(self->context);
}

static gpointer upload_thread(gpointer data)
{
    SyncClient *client = g_object_ref(data);

    client->uploads++;
    g_object_unref(client); /* its own reference, not the last */
    return NULL;
}

int main(void)
{
    SyncClient *client = g_object_new(SYNC_TYPE_CLIENT, NULL);
    GThread *uploader;

    sync_client_attach(client);
    uploader = g_thread_new("upload", upload_thread, client);

    g_thread_join(uploader);
    g_object_unref(client);
    return 0;
}
