// A spool writer takes its queue lock into a g_autoptr(GMutexLocker) and retries a short write
// with `goto retry` to a label inside the locker's block: the jump stays in the variable's scope
// and runs no cleanup; the `goto done` that gives up leaves the block and frees the locker on
// the writer's own thread. Each thread locks and unlocks for itself. Silent.
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

struct spool {
    GMutex mu;
    guint pending;
    guint attempts;
};

static gboolean write_some(struct spool *s)
{
    return ++s->attempts % 3 == 0;
}

static gpointer spool_writer(gpointer data)
{
    struct spool *s = data;

    {
        g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&s->mu);
        guint tries = 0;

retry:
        if (!write_some(s)) {
            if (++tries < 5)
                goto retry;
            goto done;
        }
        s->pending = 0;
    }
done:
    return NULL;
}

int main(void)
{
    struct spool s = {.pending = 4};
    GThread *t;

    g_mutex_init(&s.mu);
    t = g_thread_new("spool", spool_writer, &s);
    {
        g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&s.mu);
        s.pending++;
    }
    g_thread_join(t);
    g_mutex_clear(&s.mu);
    return 0;
}
