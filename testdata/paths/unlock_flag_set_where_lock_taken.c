// A media pad serialises events with its stream lock, as GStreamer's gst_pad_send_event_unchecked
// does: only some events take the lock, the function records that in a local flag
// (need_unlock) set right after the lock and unlocks under `if (need_unlock)` on every way out.
// The error label `inactive` is reached only before the lock is taken, where the flag is still
// FALSE: its `if (need_unlock)` unlock never runs. The streaming thread takes the same stream
// lock for itself. Nothing is unlocked by a thread that does not hold it.
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

enum event_type { EVENT_FLUSH_STOP, EVENT_STREAM_START, EVENT_TAG };

struct media_pad {
    GMutex lock;             /* the object lock */
    GRecMutex stream_lock;   /* serialises data and events */
    gboolean active;
    gboolean flushing;
    int buffers;
    int events;
};

static void *pad_streaming_thread(gpointer data)
{
    struct media_pad *pad = data;

    for (int i = 0; i < 100; i++) {
        g_rec_mutex_lock(&pad->stream_lock);
        pad->buffers++;
        g_rec_mutex_unlock(&pad->stream_lock);
    }
    return NULL;
}

static gboolean pad_send_event(struct media_pad *pad, enum event_type type)
{
    gboolean need_unlock = FALSE;

    g_mutex_lock(&pad->lock);
    switch (type) {
    case EVENT_FLUSH_STOP:
        if (!pad->active)
            goto inactive;
        pad->flushing = FALSE;
        g_mutex_unlock(&pad->lock);
        g_rec_mutex_lock(&pad->stream_lock);
        need_unlock = TRUE;
        g_mutex_lock(&pad->lock);
        if (pad->flushing)
            goto flushing;
        break;
    case EVENT_STREAM_START:
        g_mutex_unlock(&pad->lock);
        g_rec_mutex_lock(&pad->stream_lock);
        need_unlock = TRUE;
        g_mutex_lock(&pad->lock);
        if (pad->flushing)
            goto flushing;
        break;
    default:
        if (pad->flushing)
            goto flushing;
        break;
    }
    pad->events++;
    g_mutex_unlock(&pad->lock);
    if (need_unlock)
        g_rec_mutex_unlock(&pad->stream_lock);
    return TRUE;

flushing:
    g_mutex_unlock(&pad->lock);
    if (need_unlock)
        g_rec_mutex_unlock(&pad->stream_lock);
    return FALSE;

inactive:
    g_mutex_unlock(&pad->lock);
    if (need_unlock)
        g_rec_mutex_unlock(&pad->stream_lock);
    return FALSE;
}

int main(void)
{
    struct media_pad pad = {.active = TRUE};
    GThread *streaming;

    g_mutex_init(&pad.lock);
    g_rec_mutex_init(&pad.stream_lock);
    streaming = g_thread_new("pad-stream", pad_streaming_thread, &pad);
    pad_send_event(&pad, EVENT_STREAM_START);
    pad_send_event(&pad, EVENT_TAG);
    pad.active = FALSE;
    pad_send_event(&pad, EVENT_FLUSH_STOP);
    g_thread_join(streaming);
    g_print("%d buffers, %d events\n", pad.buffers, pad.events);
    g_rec_mutex_clear(&pad.stream_lock);
    g_mutex_clear(&pad.lock);
    return 0;
}
