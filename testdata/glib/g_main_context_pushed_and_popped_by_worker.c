// The usual pattern: a worker thread makes its own context the thread default, iterates it and
// pops it before returning; an idle callback on the main loop only takes a mutex it releases
// itself. Silent.
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

static GMutex g_stats_mu;
static guint g_ticks;

static gboolean count_tick(gpointer data)
{
    GMainLoop *loop = data;

    g_mutex_lock(&g_stats_mu);
    g_ticks++;
    g_mutex_unlock(&g_stats_mu);
    g_main_loop_quit(loop);
    return G_SOURCE_REMOVE;
}

static gpointer resolver_thread(gpointer data)
{
    GMainContext *ctx = g_main_context_new();

    (void)data;
    g_main_context_push_thread_default(ctx);
    while (g_main_context_iteration(ctx, FALSE))
        ;
    g_main_context_pop_thread_default(ctx);
    g_main_context_unref(ctx);
    return NULL;
}

int main(void)
{
    GMainLoop *loop = g_main_loop_new(NULL, FALSE);
    GThread *t = g_thread_new("resolver", resolver_thread, NULL);

    g_idle_add(count_tick, loop);
    g_main_loop_run(loop);
    g_thread_join(t);
    g_main_loop_unref(loop);
    g_print("%u ticks\n", g_ticks);
    return 0;
}
