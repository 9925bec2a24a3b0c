// A catalog exposes its locking through a table of operations. main takes a read lock through
// the table for a snapshot and hands the snapshot to an exporter thread, which releases the read
// lock through the same table when it is done: helgrind reports the unlock by a thread that did
// not take it. The indexer thread takes and releases the write lock itself: silent.
// pkg-config: glib-2.0
#include <glib.h>

struct catalog {
    GRWLock lock;
    GPtrArray *items;
};

struct catalog_lock_ops {
    void (*read_begin)(struct catalog *);
    void (*read_end)(struct catalog *);
    void (*write_begin)(struct catalog *);
    void (*write_end)(struct catalog *);
};

static void catalog_read_begin(struct catalog *c) { g_rw_lock_reader_lock(&c->lock); }
static void catalog_read_end(struct catalog *c)
{
    g_rw_lock_reader_unlock(&c->lock); // expect: cross-task-exit {{GRWLock reader lock 'c->lock' is unlocked in thread 'exporter_main' but was locked in thread 'main'}}
}
static void catalog_write_begin(struct catalog *c) { g_rw_lock_writer_lock(&c->lock); }
static void catalog_write_end(struct catalog *c) { g_rw_lock_writer_unlock(&c->lock); }

static const struct catalog_lock_ops lock_ops = {
    .read_begin = catalog_read_begin,
    .read_end = catalog_read_end,
    .write_begin = catalog_write_begin,
    .write_end = catalog_write_end,
};

struct snapshot {
    struct catalog *catalog;
    const struct catalog_lock_ops *ops;
    guint count;
};

static gpointer exporter_main(gpointer data)
{
    struct snapshot *snap = data;

    snap->count = snap->catalog->items->len;
    snap->ops->read_end(snap->catalog);
    return NULL;
}

static gpointer indexer_main(gpointer data)
{
    struct catalog *c = data;

    lock_ops.write_begin(c);
    g_ptr_array_add(c->items, "new");
    lock_ops.write_end(c);
    return NULL;
}

int main(void)
{
    struct catalog c;
    struct snapshot snap;
    GThread *exporter, *indexer;

    g_rw_lock_init(&c.lock);
    c.items = g_ptr_array_new();
    snap.catalog = &c;
    snap.ops = &lock_ops;
    indexer = g_thread_new("indexer", indexer_main, &c);
    g_thread_join(indexer);
    lock_ops.read_begin(&c);
    exporter = g_thread_new("exporter", exporter_main, &snap);
    g_thread_join(exporter);
    g_print("%u %u\n", snap.count, c.items->len);
    g_ptr_array_unref(c.items);
    return 0;
}
