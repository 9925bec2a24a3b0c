// A lease table owns its values: g_hash_table_new_full gives it lease_free as the value destroy
// notify. main takes the owner's lock when it grants a lease and the lease keeps it until it is
// dropped; the reaper thread removes expired leases, so lease_free runs on the reaper and
// unlocks a GRecMutex main locked (helgrind: unlocked lock held by other thread). The session
// table's destroy notify only frees memory: silent.
// pkg-config: glib-2.0
#include <glib.h>

struct owner {
    GRecMutex lock;
    guint leases;
};

struct lease {
    struct owner *owner;
    gint64 expires;
};

static void lease_free(gpointer data)
{
    struct lease *l = data;

    l->owner->leases--;
    g_rec_mutex_unlock(&l->owner->lock); // expect: cross-task-exit {{GRecMutex 'l->owner->lock' is unlocked in thread 'reaper_main' but was locked in thread 'main'}}
    g_free(l);
}

static void session_free(gpointer data)
{
    g_free(data);
}

struct tables {
    GHashTable *leases;
    GHashTable *sessions;
};

static gpointer reaper_main(gpointer data)
{
    struct tables *t = data;

    g_hash_table_remove(t->leases, "db");
    g_hash_table_remove(t->sessions, "alice");
    return NULL;
}

static void grant_lease(GHashTable *leases, struct owner *o, const char *name)
{
    struct lease *l = g_new0(struct lease, 1);

    g_rec_mutex_lock(&o->lock);
    o->leases++;
    l->owner = o;
    l->expires = g_get_monotonic_time();
    g_hash_table_insert(leases, g_strdup(name), l);
}

int main(void)
{
    struct owner o;
    struct tables t;
    GThread *reaper;

    g_rec_mutex_init(&o.lock);
    o.leases = 0;
    t.leases = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, lease_free);
    t.sessions = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, session_free);
    grant_lease(t.leases, &o, "db");
    g_hash_table_insert(t.sessions, "alice", g_strdup("token"));
    reaper = g_thread_new("reaper", reaper_main, &t);
    g_thread_join(reaper);
    g_hash_table_destroy(t.leases);
    g_hash_table_destroy(t.sessions);
    g_print("%u leases\n", o.leases);
    return 0;
}
