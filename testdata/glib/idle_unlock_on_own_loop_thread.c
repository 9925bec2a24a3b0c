// A signal-watching thread tells the thread that started it that its main loop is running, the
// way GStreamer's leaks tracer does: it locks the handshake mutex itself, attaches an idle source
// to its own context whose callback unlocks that mutex, and runs the context's loop. The idle
// callback runs on the watcher thread, inside g_main_loop_run, while that thread holds the lock
// it took: the unlock is the watcher's own. The starter waits on a condition variable under the
// same mutex (g_cond_wait releases it while waiting) and takes it again once the loop runs.
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

struct watcher_start {
    GMutex lock;
    GCond cond;
    gboolean ready;
};

static GMainLoop *watcher_loop;

static gboolean unlock_when_running(gpointer data)
{
    g_mutex_unlock((GMutex *)data);
    return G_SOURCE_REMOVE;
}

static gboolean stop_watching(gpointer data)
{
    (void)data;
    g_main_loop_quit(watcher_loop);
    return G_SOURCE_REMOVE;
}

static gpointer signal_watcher_thread(gpointer arg)
{
    struct watcher_start *start = arg;
    GMainContext *ctx = g_main_context_new();
    GSource *unlock_source, *stop_source;

    watcher_loop = g_main_loop_new(ctx, FALSE);
    unlock_source = g_idle_source_new();
    g_source_set_callback(unlock_source, unlock_when_running, &start->lock, NULL);
    g_source_attach(unlock_source, ctx);
    g_source_unref(unlock_source);
    stop_source = g_timeout_source_new(50);
    g_source_set_callback(stop_source, stop_watching, NULL, NULL);
    g_source_attach(stop_source, ctx);
    g_source_unref(stop_source);

    g_mutex_lock(&start->lock);
    start->ready = TRUE;
    g_cond_broadcast(&start->cond);
    g_main_loop_run(watcher_loop);

    g_main_loop_unref(watcher_loop);
    g_main_context_unref(ctx);
    return NULL;
}

int main(void)
{
    struct watcher_start start = {.ready = FALSE};
    GThread *watcher;

    g_mutex_init(&start.lock);
    g_cond_init(&start.cond);
    watcher = g_thread_new("signal-watcher", signal_watcher_thread, &start);
    g_mutex_lock(&start.lock);
    while (!start.ready)
        g_cond_wait(&start.cond, &start.lock);
    g_mutex_unlock(&start.lock);
    g_thread_join(watcher);
    g_print("watcher ran its loop\n");
    g_cond_clear(&start.cond);
    g_mutex_clear(&start.lock);
    return 0;
}
