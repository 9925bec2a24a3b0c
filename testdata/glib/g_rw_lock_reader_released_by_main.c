// A reporter thread takes the settings reader lock and returns holding it; main releases it
// after joining. A reader lock is owned by the thread that took it, like the writer lock.
// The writer thread beside it locks and unlocks for itself.
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

    g_rw_lock_writer_lock(&s->lock);
    s->volume = 50;
    g_rw_lock_writer_unlock(&s->lock);
    return NULL;
}

static gpointer report_volume(gpointer data)
{
    struct settings *s = data;

    g_rw_lock_reader_lock(&s->lock);
    g_print("volume %d\n", s->volume);
    return NULL;
}

int main(void)
{
    struct settings settings;
    GThread *t;

    g_rw_lock_init(&settings.lock);
    t = g_thread_new("defaults", apply_defaults, &settings);
    g_thread_join(t);
    t = g_thread_new("report", report_volume, &settings);
    g_thread_join(t);
    g_rw_lock_reader_unlock(&settings.lock); // expect: cross-task-exit {{GRWLock reader lock 'settings.lock' is unlocked in thread 'main' but was locked in thread 'report_volume'}}
    return 0;
}
