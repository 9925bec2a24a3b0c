// The registry's GRecMutex is recursive: main locks it, a helper locks and unlocks it again
// (balanced, silent), then main hands the outer hold to the plugin loader thread, which unlocks
// it (helgrind: unlocked lock held by other thread).
// pkg-config: glib-2.0
#include <glib.h>

struct registry {
    GRecMutex lock;
    GList *plugins;
};

static void registry_add(struct registry *r, const char *name)
{
    g_rec_mutex_lock(&r->lock);
    r->plugins = g_list_prepend(r->plugins, (gpointer)name);
    g_rec_mutex_unlock(&r->lock);
}

static gpointer loader_main(gpointer data)
{
    struct registry *r = data;

    r->plugins = g_list_reverse(r->plugins);
    g_rec_mutex_unlock(&r->lock); // expect: cross-task-exit {{GRecMutex 'r->lock' is unlocked in thread 'loader_main' but was locked in thread 'main'}}
    return NULL;
}

int main(void)
{
    struct registry reg = {0};
    GThread *loader;

    g_rec_mutex_init(&reg.lock);
    g_rec_mutex_lock(&reg.lock);
    registry_add(&reg, "codec");
    registry_add(&reg, "muxer");
    loader = g_thread_new("loader", loader_main, &reg);
    g_thread_join(loader);
    g_print("%u plugins\n", g_list_length(reg.plugins));
    g_list_free(reg.plugins);
    return 0;
}
