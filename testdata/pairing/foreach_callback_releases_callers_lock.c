// An element walks its pads with a foreach helper called with the element's lock held, as
// GStreamer's events_foreach is called with the pad's lock: one callback starts a prober thread
// for a pad, another releases the element's lock around a blocking flush and takes it again.
// The prober looks up the monitor element by name (a pointer the analysis loses) and, on its
// error path, returns with that element's lock held (a leak, but of another element). The
// flush callback's unlock is of the lock the caller of the walk holds: main's own, in main.
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

struct element {
    GRecMutex lock;
    const char *name;
    GPtrArray *pads;
    int flushed;
};

struct pad {
    char name[16];
    gboolean linked;
};

typedef void (*pad_func)(struct element *el, struct pad *pad);

static struct element monitor = {.name = "monitor"};

struct element *element_lookup(const char *name);

struct element *element_lookup(const char *name)
{
    static struct element *volatile table[1] = {&monitor};
    return g_strcmp0(name, "monitor") == 0 ? table[0] : NULL;
}

static gpointer pad_prober_thread(gpointer data)
{
    struct pad *pad = data;
    struct element *mon = element_lookup("monitor");

    g_rec_mutex_lock(&mon->lock);
    if (!pad->linked)
        return NULL; /* leaks the monitor's lock */
    mon->flushed++;
    g_rec_mutex_unlock(&mon->lock);
    return NULL;
}

static void pad_start_prober(struct element *el, struct pad *pad)
{
    (void)el;
    g_thread_join(g_thread_new("prober", pad_prober_thread, pad));
}

static void pad_flush(struct element *el, struct pad *pad)
{
    g_rec_mutex_unlock(&el->lock); /* the caller's lock, released around the blocking flush */
    g_usleep(1000);
    pad->linked = TRUE;
    g_rec_mutex_lock(&el->lock);
    el->flushed++;
}

static void element_pads_foreach(struct element *el, pad_func func)
{
    for (guint i = 0; i < el->pads->len; i++)
        func(el, g_ptr_array_index(el->pads, i));
}

int main(void)
{
    struct element src = {.name = "src"};
    struct pad sink_pad = {"sink", TRUE}, aux_pad = {"aux", FALSE};

    g_rec_mutex_init(&src.lock);
    g_rec_mutex_init(&monitor.lock);
    src.pads = g_ptr_array_new();
    g_ptr_array_add(src.pads, &sink_pad);
    g_ptr_array_add(src.pads, &aux_pad);
    g_rec_mutex_lock(&src.lock);
    element_pads_foreach(&src, pad_start_prober);
    element_pads_foreach(&src, pad_flush);
    g_rec_mutex_unlock(&src.lock);
    g_print("%d flushes\n", src.flushed);
    g_ptr_array_free(src.pads, TRUE);
    return 0;
}
