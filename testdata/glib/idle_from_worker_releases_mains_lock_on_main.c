// main locks the settings while a loader thread reads them from disk; the loader posts
// apply_settings to the default main context with g_idle_add, and main runs that context's
// loop, so apply_settings runs on main and releases main's own lock there (the GMutex owner
// check stays silent). The loader's progress callback, also run on main's loop, locks and
// unlocks a progress lock of its own. Nothing to report.
// pkg-config: glib-2.0
#include <glib.h>

struct settings {
    GMutex lock;
    GMutex progress_lock;
    gchar *theme;
    guint loaded;
    GMainLoop *loop;
};

static gboolean report_progress(gpointer data)
{
    struct settings *s = data;

    g_mutex_lock(&s->progress_lock);
    s->loaded++;
    g_mutex_unlock(&s->progress_lock);
    return G_SOURCE_REMOVE;
}

static gboolean apply_settings(gpointer data)
{
    struct settings *s = data;

    g_print("theme %s\n", s->theme);
    g_mutex_unlock(&s->lock);
    g_main_loop_quit(s->loop);
    return G_SOURCE_REMOVE;
}

static gpointer loader_main(gpointer data)
{
    struct settings *s = data;

    s->theme = g_strdup("dark");
    g_idle_add(report_progress, s);
    g_idle_add(apply_settings, s);
    return NULL;
}

int main(void)
{
    struct settings s = {0};
    GThread *loader;

    g_mutex_init(&s.lock);
    g_mutex_init(&s.progress_lock);
    s.loop = g_main_loop_new(NULL, FALSE);
    g_mutex_lock(&s.lock);
    loader = g_thread_new("loader", loader_main, &s);
    g_main_loop_run(s.loop);
    g_thread_join(loader);
    g_free(s.theme);
    g_main_loop_unref(s.loop);
    return 0;
}
