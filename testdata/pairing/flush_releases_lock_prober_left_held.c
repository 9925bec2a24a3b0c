// The flush of foreach_callback_releases_callers_lock.c, where the lock it releases is not the
// caller's: main probes and flushes a pad without holding the element's lock; the prober
// thread locks that same element (handed to it) and returns on its error path (the element has
// an unlinked pad) with the lock still held, and the flush, in the same helper as the start,
// releases it: a GRecMutex unlocked by a thread that does not own it (helgrind: "Thread #1
// unlocked lock currently held by thread #2"). The unlock is of what the helper's caller passed,
// and the prober's lock is of that very element, not merely of the same type.
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

struct element {
    GRecMutex lock;
    GPtrArray *pads;
    gboolean all_linked;
    int probed;
};

struct pad {
    struct element *parent;
    gboolean linked;
};

static gpointer element_prober_thread(gpointer data)
{
    struct element *el = data;

    g_rec_mutex_lock(&el->lock);
    if (!el->all_linked)
        return NULL; /* returns holding the element's lock */
    el->probed++;
    g_rec_mutex_unlock(&el->lock);
    return NULL;
}

static void pad_probe_and_flush(struct element *el, struct pad *pad)
{
    if (!pad->linked)
        el->all_linked = FALSE;
    g_thread_join(g_thread_new("prober", element_prober_thread, el));
    g_rec_mutex_unlock(&el->lock); // expect: cross-task-exit {{GRecMutex 'el->lock' is unlocked in thread 'main'}}
    g_usleep(1000);
    pad->linked = TRUE;
    g_rec_mutex_lock(&el->lock);
}

int main(void)
{
    struct element src = {.all_linked = TRUE};
    struct pad sink_pad = {&src, TRUE}, aux_pad = {&src, FALSE};

    g_rec_mutex_init(&src.lock);
    src.pads = g_ptr_array_new();
    g_ptr_array_add(src.pads, &sink_pad);
    g_ptr_array_add(src.pads, &aux_pad);
    pad_probe_and_flush(&src, &aux_pad);
    g_print("%d probes\n", src.probed);
    g_ptr_array_free(src.pads, TRUE);
    return 0;
}
