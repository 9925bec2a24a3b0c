// The main thread locks the journal, queues a flush with g_idle_add_full and runs the loop
// itself: the idle callback runs on main, the thread that locked, so unlocking there is fine.
// The timeout that releases the journal's read lock is added by main too. Nothing to report.
// pkg-config: glib-2.0
#include <glib.h>

struct journal {
    GMutex lock;
    GRWLock index_lock;
    GString *pending;
    GMainLoop *loop;
};

struct flush_request {
    struct journal *journal;
    guint bytes;
};

static gboolean flush_pending(gpointer user_data)
{
    struct flush_request *req = user_data;

    req->bytes = req->journal->pending->len;
    g_string_truncate(req->journal->pending, 0);
    g_mutex_unlock(&req->journal->lock);
    return G_SOURCE_REMOVE;
}

static gboolean release_index(gpointer user_data)
{
    struct journal *j = user_data;

    g_rw_lock_reader_unlock(&j->index_lock);
    g_main_loop_quit(j->loop);
    return G_SOURCE_REMOVE;
}

int main(void)
{
    struct journal j;
    struct flush_request *req = g_new0(struct flush_request, 1);

    g_mutex_init(&j.lock);
    g_rw_lock_init(&j.index_lock);
    j.pending = g_string_new("entry\n");
    j.loop = g_main_loop_new(NULL, FALSE);
    req->journal = &j;
    g_mutex_lock(&j.lock);
    g_idle_add_full(G_PRIORITY_DEFAULT_IDLE, flush_pending, req, g_free);
    g_rw_lock_reader_lock(&j.index_lock);
    g_timeout_add(10, release_index, &j);
    g_main_loop_run(j.loop);
    g_string_free(j.pending, TRUE);
    g_main_loop_unref(j.loop);
    return 0;
}
