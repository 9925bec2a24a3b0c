// A journal takes its lock through a GMutexLocker and hands the locker to a flush thread that
// frees it (and so unlocks) when the journal is on disk: the GMutex is unlocked by a thread
// that never locked it.
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

struct journal {
    GMutex mu;
    GMutexLocker *locker;
    guint records;
};

static gpointer flush_journal(gpointer data)
{
    struct journal *j = data;

    j->records = 0;
    g_mutex_locker_free(j->locker); // expect: cross-task-exit {{GMutexLocker 'j->locker' is freed in thread 'flush_journal' but was locked in thread 'main'}}
    return NULL;
}

int main(void)
{
    struct journal j = {.records = 3};
    GThread *t;

    g_mutex_init(&j.mu);
    j.locker = g_mutex_locker_new(&j.mu);
    t = g_thread_new("flush", flush_journal, &j);
    g_thread_join(t);
    g_mutex_clear(&j.mu);
    return 0;
}
