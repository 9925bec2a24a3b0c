// A settings store: main takes the writer lock and lets a g_thread_try_new thread release it
// after it applied the defaults. The writer lock is owned by the thread that took it.
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

struct settings {
    GRWLock lock;
    gint volume;
};

static gpointer apply_defaults(gpointer data)
{
    struct settings *s = data;

    s->volume = 50;
    g_rw_lock_writer_unlock(&s->lock); // expect: cross-task-exit {{GRWLock writer lock 's->lock' is unlocked in thread 'apply_defaults' but was locked in thread 'main'}}
    return NULL;
}

int main(void)
{
    struct settings settings;
    GThread *t;

    g_rw_lock_init(&settings.lock);
    g_rw_lock_writer_lock(&settings.lock);
    t = g_thread_try_new("defaults", apply_defaults, &settings, NULL);
    if (!t)
        return 1;
    g_thread_join(t);
    g_print("volume %d\n", settings.volume);
    return 0;
}
