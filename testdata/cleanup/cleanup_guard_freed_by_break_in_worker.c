// A compaction thread adopts, one segment at a time, the segment lock main took for it into a
// cleanup-attribute guard declared in the loop body, and leaves the loop with `break` when the
// segment is empty: the break ends the guard's scope and runs its cleanup, which frees the
// GMutexLocker main created, on the compaction thread (confirmed with
// scripts/gmutex_owner_check.c: "GMutex ... unlocked by a thread that did not lock it").
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

struct segment {
    GMutex mu;
    GMutexLocker *held;
    guint live_records;
};

static void release_segment(GMutexLocker **locker)
{
    g_mutex_locker_free(*locker);
}

static gpointer compact_segments(gpointer data)
{
    struct segment *seg = data;

    for (guint i = 0; i < 4; i++) {
        GMutexLocker *held __attribute__((cleanup(release_segment))) = seg->held;

        seg->held = NULL;
        if (seg->live_records == 0)
            break; // expect: cross-task-exit {{GMutexLocker 'held' is freed in thread 'compact_segments' but was locked in thread 'main'}}
        seg->live_records--;
    } // expect: cross-task-exit {{GMutexLocker 'held' is freed in thread 'compact_segments'}}
    return NULL;
}

int main(void)
{
    struct segment seg = {.live_records = 0};
    GThread *t;

    g_mutex_init(&seg.mu);
    seg.held = g_mutex_locker_new(&seg.mu);
    t = g_thread_new("compact", compact_segments, &seg);
    g_thread_join(t);
    g_mutex_clear(&seg.mu);
    return 0;
}
