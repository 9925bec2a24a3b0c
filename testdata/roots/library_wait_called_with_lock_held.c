// A media sink library (no main: its exported functions are roots) documents that
// media_sink_wait must be called with the sink's preroll lock held, like GStreamer's
// gst_base_sink_wait ("called with the PREROLL_LOCK held"): it starts the render thread if
// needed, then releases the caller's lock while it waits for that thread and takes it again. The render thread
// takes and releases the same lock itself. The unlock in media_sink_wait is of the lock its
// caller, outside the library, holds: nothing to report (helgrind, with a caller that locks as
// documented: no error). A library root's unlock of its own global is still paired with a
// thread's lock: testdata/roots/dlsym_plugin_start_unlocked_in_loader.c.
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

struct media_sink {
    GRecMutex preroll_lock;
    GThread *render_thread;
    gboolean prerolled;
    int rendered;
};

static gpointer media_sink_render_loop(gpointer data)
{
    struct media_sink *sink = data;

    for (int i = 0; i < 3; i++) {
        g_rec_mutex_lock(&sink->preroll_lock);
        sink->rendered++;
        sink->prerolled = TRUE;
        g_rec_mutex_unlock(&sink->preroll_lock);
    }
    return NULL;
}

/* Called with sink->preroll_lock held; returns with it held. */
gboolean media_sink_wait(struct media_sink *sink)
{
    if (!sink->render_thread)
        sink->render_thread = g_thread_new("render", media_sink_render_loop, sink);
    if (!sink->prerolled) {
        g_rec_mutex_unlock(&sink->preroll_lock);
        g_thread_join(sink->render_thread);
        sink->render_thread = NULL;
        g_rec_mutex_lock(&sink->preroll_lock);
    }
    return sink->prerolled;
}
