// A download object carries a "write-guard" with g_object_set_data_full: the destroy notify
// unlocks the GRecMutex main took when it attached the guard. The download is handed to a
// worker thread that drops the last reference, so the notify (run when the object is
// finalized) unlocks on the worker a lock main holds (helgrind confirms). The notify is an
// any-thread destructor edge, so the finding names the notify's own task.
// pkg-config: gobject-2.0
#include <glib-object.h>

struct store {
    GRecMutex write_lock;
    guint writes;
};

struct guard {
    struct store *store;
};

static void guard_release(gpointer data)
{
    struct guard *g = data;

    g->store->writes++;
    g_rec_mutex_unlock(&g->store->write_lock); // expect: cross-task-exit {{GRecMutex 'g->store->write_lock' is unlocked in thread 'guard_release' but was locked in thread 'main'}}
    g_free(g);
}

static gpointer finish_main(gpointer data)
{
    GObject *download = data;

    g_object_unref(download);
    return NULL;
}

int main(void)
{
    struct store store;
    struct guard *g = g_new0(struct guard, 1);
    GObject *download = g_object_new(G_TYPE_OBJECT, NULL);
    GThread *t;

    g_rec_mutex_init(&store.write_lock);
    store.writes = 0;
    g->store = &store;
    g_rec_mutex_lock(&store.write_lock);
    g_object_set_data_full(download, "write-guard", g, guard_release);
    t = g_thread_new("finish", finish_main, download);
    g_thread_join(t);
    g_print("%u writes\n", store.writes);
    return 0;
}
