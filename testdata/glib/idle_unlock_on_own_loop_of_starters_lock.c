// The handshake beside idle_unlock_on_own_loop_thread.c, done wrong: the starter locks a
// recursive mutex and hands it to the watcher thread, whose idle callback, run inside the
// watcher's own g_main_loop_run, unlocks it. The callback does run on the watcher thread's
// loop, so it releases a GRecMutex that thread never locked: the starter's.
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

struct watcher_start {
    GRecMutex lock;
    int polls;
};

static GMainLoop *watcher_loop;

static gboolean unlock_when_running(gpointer data)
{
    g_rec_mutex_unlock((GRecMutex *)data); // expect: cross-task-exit {{GRecMutex 'start.lock' is unlocked in thread 'signal_watcher_thread'}}
    g_main_loop_quit(watcher_loop);
    return G_SOURCE_REMOVE;
}

static gpointer signal_watcher_thread(gpointer arg)
{
    struct watcher_start *start = arg;
    GMainContext *ctx = g_main_context_new();
    GSource *unlock_source;

    watcher_loop = g_main_loop_new(ctx, FALSE);
    unlock_source = g_idle_source_new();
    g_source_set_callback(unlock_source, unlock_when_running, &start->lock, NULL);
    g_source_attach(unlock_source, ctx);
    g_source_unref(unlock_source);
    start->polls++;
    g_main_loop_run(watcher_loop);

    g_main_loop_unref(watcher_loop);
    g_main_context_unref(ctx);
    return NULL;
}

int main(void)
{
    struct watcher_start start = {.polls = 0};
    GThread *watcher;

    g_rec_mutex_init(&start.lock);
    g_rec_mutex_lock(&start.lock);
    watcher = g_thread_new("signal-watcher", signal_watcher_thread, &start);
    g_thread_join(watcher);
    g_print("%d polls\n", start.polls);
    g_rec_mutex_clear(&start.lock);
    return 0;
}
