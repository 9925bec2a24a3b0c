// A GTask's thread function makes the task's cancellable current on its pool thread, and the
// ready callback given to g_task_new pops it: that callback runs later on the thread running
// the main context (main), which never pushed it (GLib: g_cancellable_pop_current: assertion
// 'l != NULL' failed). The checksum task pushes and pops in its own thread function: silent.
// pkg-config: gio-2.0
#include <gio/gio.h>

static GMainLoop *loop;

static void copy_in_thread(GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
    (void)source;
    (void)task_data;
    g_cancellable_push_current(cancellable);
    g_task_return_boolean(task, TRUE);
}

static void copy_done(GObject *source, GAsyncResult *res, gpointer user_data)
{
    GCancellable *cancellable = user_data;

    (void)source;
    g_task_propagate_boolean(G_TASK(res), NULL);
    g_cancellable_pop_current(cancellable); // expect-fixme: cross-task-exit {{the ready callback is now a task (g_task_new's callback, on main's loop), but the thread function's cancellable parameter is the one g_task_new was given, which no pack entry can say (g_task_run_in_thread passes the task only), so the push's resource is an unbound parameter the pop's cancellable does not meet}}
    g_main_loop_quit(loop);
}

static void checksum_in_thread(GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
    (void)source;
    (void)task_data;
    g_cancellable_push_current(cancellable);
    g_cancellable_pop_current(cancellable);
    g_task_return_boolean(task, TRUE);
}

int main(void)
{
    GCancellable *cancellable = g_cancellable_new();
    GTask *copy, *checksum;

    loop = g_main_loop_new(NULL, FALSE);
    checksum = g_task_new(NULL, cancellable, NULL, NULL);
    g_task_run_in_thread_sync(checksum, checksum_in_thread);
    g_object_unref(checksum);
    copy = g_task_new(NULL, cancellable, copy_done, cancellable);
    g_task_run_in_thread(copy, copy_in_thread);
    g_object_unref(copy);
    g_main_loop_run(loop);
    g_object_unref(cancellable);
    return 0;
}
