// Each worker builds its own table of pinned buffers; the value destroy notify unpins a buffer
// by unlocking the GMutex the worker locked when it pinned it, and the worker destroys the table
// itself before it returns: every destroy notify runs on the thread that locked. Nothing to report.
// pkg-config: glib-2.0
#include <glib.h>

struct buffer {
    GMutex pin;
    gsize used;
};

static void buffer_unpin(gpointer data)
{
    struct buffer *b = data;

    g_mutex_unlock(&b->pin);
}

static gpointer worker_main(gpointer data)
{
    struct buffer *bufs = data;
    GHashTable *pinned = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, buffer_unpin);

    for (int i = 0; i < 2; i++) {
        g_mutex_lock(&bufs[i].pin);
        bufs[i].used += 64;
        g_hash_table_insert(pinned, GINT_TO_POINTER(i + 1), &bufs[i]);
    }
    g_hash_table_destroy(pinned);
    return NULL;
}

int main(void)
{
    struct buffer a[2], b[2];
    GThread *t1, *t2;

    for (int i = 0; i < 2; i++) {
        g_mutex_init(&a[i].pin);
        g_mutex_init(&b[i].pin);
        a[i].used = b[i].used = 0;
    }
    t1 = g_thread_new("w1", worker_main, a);
    t2 = g_thread_new("w2", worker_main, b);
    g_thread_join(t1);
    g_thread_join(t2);
    g_print("%zu %zu\n", a[0].used, b[1].used);
    return 0;
}
