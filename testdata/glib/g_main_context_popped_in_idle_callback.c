// A sync helper makes its private context the thread default and leaves the pop to an idle
// callback, which runs later on the same thread but as another task: GLib's thread-default
// stack is task-bound, and the idle callback pops what the caller pushed.
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

struct sync_job {
    GMainContext *ctx;
    GMainLoop *loop;
};

static gboolean finish_sync(gpointer data)
{
    struct sync_job *job = data;

    g_main_context_pop_thread_default(job->ctx); // expect: cross-task-exit {{thread-default main context 'job->ctx' is popped in task 'finish_sync' but was pushed in task 'main'}} {{task-bound}}
    g_main_loop_quit(job->loop);
    return G_SOURCE_REMOVE;
}

int main(void)
{
    struct sync_job job;

    job.ctx = g_main_context_new();
    job.loop = g_main_loop_new(NULL, FALSE);
    g_main_context_push_thread_default(job.ctx);
    g_idle_add(finish_sync, &job);
    g_main_loop_run(job.loop);
    g_main_loop_unref(job.loop);
    g_main_context_unref(job.ctx);
    return 0;
}
