// g_autoptr(GMutexLocker) wholly inside one function, with an early return and a loop with
// break: the locker's cleanup runs on every path out of its scope, in the locking thread, while
// a worker thread does the same in its own function. Silent.
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

struct stats {
    GMutex mu;
    guint hits;
    guint misses;
};

static gboolean record_hit(struct stats *s, gboolean hit)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&s->mu);

    if (!hit) {
        s->misses++;
        return FALSE;
    }
    for (guint i = 0; i < 3; i++) {
        g_autoptr(GMutexLocker) again = NULL;
        if (i == 1)
            break;
        s->hits++;
    }
    return TRUE;
}

static gpointer hit_worker(gpointer data)
{
    record_hit(data, TRUE);
    return NULL;
}

int main(void)
{
    static struct stats stats;
    GThread *t;

    g_mutex_init(&stats.mu);
    t = g_thread_new("hits", hit_worker, &stats);
    record_hit(&stats, FALSE);
    g_thread_join(t);
    g_print("%u hits, %u misses\n", stats.hits, stats.misses);
    return 0;
}
