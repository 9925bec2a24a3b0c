// The flag beside unlock_flag_set_where_lock_taken.c, where it is wrong: a flush job records
// that its submitter holds the pad's stream lock, and the pool thread that runs the job copies
// that into its own need_unlock flag and releases the lock on the submitter's behalf. The flag
// is a local tested before the unlock, but its value comes from another thread's state, not
// from a lock this thread took: the GRecMutex is released by a thread that does not own it.
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

struct media_pad {
    GRecMutex stream_lock;
    int flushes;
};

struct flush_job {
    struct media_pad *pad;
    gboolean stream_locked; /* the submitter holds pad->stream_lock */
};

static void pad_flush_job(gpointer data, gpointer user_data)
{
    struct flush_job *job = data;
    gboolean need_unlock = FALSE;

    (void)user_data;
    if (job->stream_locked)
        need_unlock = TRUE;
    job->pad->flushes++;
    if (need_unlock)
        g_rec_mutex_unlock(&job->pad->stream_lock); // expect: cross-task-exit {{GRecMutex 'job->pad->stream_lock' is unlocked in thread 'pad_flush_job'}}
}

int main(void)
{
    struct media_pad pad = {.flushes = 0};
    struct flush_job job = {.pad = &pad, .stream_locked = TRUE};
    GThreadPool *pool;

    g_rec_mutex_init(&pad.stream_lock);
    pool = g_thread_pool_new(pad_flush_job, NULL, 1, FALSE, NULL);
    g_rec_mutex_lock(&pad.stream_lock);
    g_thread_pool_push(pool, &job, NULL);
    g_thread_pool_free(pool, FALSE, TRUE);
    g_print("%d flushes\n", pad.flushes);
    g_rec_mutex_clear(&pad.stream_lock);
    return 0;
}
