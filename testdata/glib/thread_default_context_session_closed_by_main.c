// An IO session makes its own GMainContext the thread default when it opens and pops it when
// it closes. The sync worker opens its session and main closes it after the join: the pop runs
// in a thread whose stack does not hold that context (GLib: g_main_context_pop_thread_default:
// assertion 'stack != NULL' failed). The probe worker opens and closes its own: silent.
// pkg-config: glib-2.0
#include <glib.h>

struct io_session {
    GMainContext *context;
    gboolean open;
};

static void io_session_open(struct io_session *s)
{
    s->context = g_main_context_new();
    g_main_context_push_thread_default(s->context);
    s->open = TRUE;
}

static void io_session_close(struct io_session *s)
{
    if (!s->open)
        return;
    g_main_context_pop_thread_default(s->context); // expect: cross-task-exit {{is popped in thread 'main' but was pushed in thread 'sync_main'}}
    g_main_context_unref(s->context);
    s->open = FALSE;
}

static gpointer sync_main(gpointer data)
{
    struct io_session *s = data;

    io_session_open(s);
    g_main_context_iteration(s->context, FALSE);
    return NULL;
}

static gpointer probe_main(gpointer data)
{
    struct io_session s = {0};

    (void)data;
    io_session_open(&s);
    g_main_context_iteration(s.context, FALSE);
    io_session_close(&s);
    return NULL;
}

int main(void)
{
    struct io_session session = {0};
    GThread *sync, *probe;

    sync = g_thread_new("sync", sync_main, &session);
    probe = g_thread_new("probe", probe_main, NULL);
    g_thread_join(sync);
    g_thread_join(probe);
    io_session_close(&session);
    return 0;
}
