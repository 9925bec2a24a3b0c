// A cache refresh takes the cache lock through g_autoptr(GMutexLocker) and, while the locker
// lives, starts a refresh thread that unlocks the mutex itself: the locker holds the GMutex
// for main's thread across the hand-over, and the refresh thread unlocks a mutex main locked
// (GLib aborts at the locker's automatic free: "Attempt to unlock mutex that was not locked").
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

struct cache {
    GMutex mu;
    guint entries;
};

static gpointer refresh_entries(gpointer data)
{
    struct cache *c = data;

    c->entries = 0;
    g_mutex_unlock(&c->mu); // expect: cross-task-exit {{GMutex 'c->mu' is unlocked in thread 'refresh_entries' but was locked in thread 'main'}}
    return NULL;
}

int main(void)
{
    static struct cache cache;
    GThread *t;

    g_mutex_init(&cache.mu);
    {
        g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&cache.mu);
        t = g_thread_new("refresh", refresh_entries, &cache);
        g_thread_join(t);
    }
    g_print("%u entries\n", cache.entries);
    return 0;
}
