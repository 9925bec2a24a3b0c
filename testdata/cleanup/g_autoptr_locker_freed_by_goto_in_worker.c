// A journal's flush thread adopts the GMutexLocker main created into a g_autoptr variable and
// leaves the variable's block with `goto out` when a record fails to write: the jump runs the
// cleanup, so the locker is freed, and main's GMutex unlocked, in the flush thread (as it is
// when the block ends normally; confirmed with scripts/gmutex_owner_check.c).
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

struct journal {
    GMutex mu;
    GMutexLocker *locker;
    guint records;
    guint failed;
};

static gboolean write_record(struct journal *j)
{
    return j->records % 2 == 0;
}

static gpointer flush_journal(gpointer data)
{
    struct journal *j = data;

    {
        g_autoptr(GMutexLocker) locker = j->locker;

        j->locker = NULL;
        while (j->records > 0) {
            if (!write_record(j))
                goto out; // expect: cross-task-exit {{GMutexLocker 'locker' is freed in thread 'flush_journal' but was locked in thread 'main'}}
            j->records--;
        }
    } // expect: cross-task-exit {{GMutexLocker 'locker' is freed in thread 'flush_journal'}}
    return NULL;
out:
    j->failed++;
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
