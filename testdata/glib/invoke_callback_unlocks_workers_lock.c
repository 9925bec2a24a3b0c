// A stats collector thread locks the stats and asks the main loop, with g_main_context_invoke,
// to publish them once main runs the loop; publish_stats then runs on the thread that owns the
// default main context (main) and unlocks there the GMutex the collector locked. The periodic
// tick that g_timeout_add puts on the same loop locks and unlocks its own counter lock: silent.
// pkg-config: glib-2.0
#include <glib.h>

struct stats {
    GMutex lock;
    GMutex tick_lock;
    guint64 requests;
    guint ticks;
    GMainLoop *loop;
};

static gboolean publish_stats(gpointer user_data)
{
    struct stats *st = user_data;

    g_print("requests: %" G_GUINT64_FORMAT "\n", st->requests);
    g_mutex_unlock(&st->lock); // expect: cross-task-exit {{GMutex 'st->lock' is unlocked in thread 'main' but was locked in thread 'collector_main'}}
    g_main_loop_quit(st->loop);
    return G_SOURCE_REMOVE;
}

static gboolean tick(gpointer user_data)
{
    struct stats *st = user_data;

    g_mutex_lock(&st->tick_lock);
    st->ticks++;
    g_mutex_unlock(&st->tick_lock);
    return G_SOURCE_CONTINUE;
}

static gpointer collector_main(gpointer data)
{
    struct stats *st = data;

    while (!g_main_loop_is_running(st->loop))
        g_usleep(1000); /* main owns the context: the invoke is queued to it, not run here */
    g_mutex_lock(&st->lock);
    st->requests += 100;
    g_main_context_invoke(NULL, publish_stats, st);
    return NULL;
}

int main(void)
{
    struct stats st = {0};
    GThread *collector;

    g_mutex_init(&st.lock);
    g_mutex_init(&st.tick_lock);
    st.loop = g_main_loop_new(NULL, FALSE);
    g_timeout_add(5, tick, &st);
    collector = g_thread_new("collector", collector_main, &st);
    g_main_loop_run(st.loop);
    g_thread_join(collector);
    g_main_loop_unref(st.loop);
    return 0;
}
