// The log writer takes the log's lock with a GMutexLocker and parks it in the flush job; the
// flush thread takes ownership with g_steal_pointer into a g_autoptr(GMutexLocker), so the lock
// is released where that variable's scope ends: on the flush thread. The compactor's locker
// lives and dies inside compact_main: silent.
// pkg-config: glib-2.0
#include <glib.h>

struct log {
    GMutex lock;
    GPtrArray *records;
};

struct flush_job {
    struct log *log;
    GMutexLocker *locker;
};

static gpointer flush_main(gpointer data)
{
    struct flush_job *job = data;
    g_autoptr(GMutexLocker) locker = g_steal_pointer(&job->locker);

    g_ptr_array_set_size(job->log->records, 0);
    return NULL; // expect: cross-task-exit {{GMutexLocker 'locker' is freed in thread 'flush_main' but was locked in thread 'main'}}
}

static gpointer compact_main(gpointer data)
{
    struct log *log = data;
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&log->lock);

    g_ptr_array_remove_range(log->records, 0, log->records->len / 2);
    return NULL;
}

int main(void)
{
    struct log log;
    struct flush_job job;
    GThread *flusher, *compactor;

    g_mutex_init(&log.lock);
    log.records = g_ptr_array_new();
    g_ptr_array_add(log.records, "a");
    job.log = &log;
    job.locker = g_mutex_locker_new(&log.lock);
    flusher = g_thread_new("flush", flush_main, &job);
    g_thread_join(flusher);
    compactor = g_thread_new("compact", compact_main, &log);
    g_thread_join(compactor);
    g_ptr_array_unref(log.records);
    return 0;
}
