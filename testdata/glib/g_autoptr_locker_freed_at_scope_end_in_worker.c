// A journal's flush thread adopts the GMutexLocker main created into a g_autoptr variable, so
// that the lock is released "automatically" when the flush is done: the locker's cleanup runs
// at the end of the variable's scope, in the flush thread, and unlocks a GMutex main locked.
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
    g_autoptr(GMutexLocker) locker = j->locker;

    j->locker = NULL;
    if (j->records == 0)
        return NULL; // expect: cross-task-exit {{GMutexLocker 'locker' is freed in thread 'flush_journal' but was locked in thread 'main'}}
    j->records = 0;
    return NULL; // expect: cross-task-exit {{GMutexLocker 'locker' is freed in thread 'flush_journal'}}
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
