// A download makes its cancellable the current one for the calling thread and lets the
// completion thread pop it: the stack of current cancellables is per thread, so the pop in the
// other thread finds an empty stack (GLib-GIO-CRITICAL: 'l != NULL' failed).
// pkg-config: gio-2.0
// rules: glib
#include <gio/gio.h>

struct download {
    GCancellable *cancellable;
    gsize bytes;
};

static gpointer complete_download(gpointer data)
{
    struct download *d = data;

    d->bytes = 4096;
    g_cancellable_pop_current(d->cancellable); // expect: cross-task-exit {{current cancellable 'd->cancellable' is popped in thread 'complete_download' but was pushed in thread 'main'}}
    return NULL;
}

int main(void)
{
    struct download d = {g_cancellable_new(), 0};
    GThread *t;

    g_cancellable_push_current(d.cancellable);
    t = g_thread_new("complete", complete_download, &d);
    g_thread_join(t);
    g_object_unref(d.cancellable);
    return 0;
}
