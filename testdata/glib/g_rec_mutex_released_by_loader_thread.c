// A plugin registry takes its recursive lock (twice, through a nested lookup) before it starts
// a loader thread with g_thread_new; the loader releases the lock once it has scanned the
// plugin directory. A GRecMutex belongs to the thread that locked it.
// pkg-config: glib-2.0
// rules: glib
#include <glib.h>

struct plugin_registry {
    GRecMutex lock;
    GPtrArray *plugins;
};

static void *plugin_loader(gpointer data)
{
    struct plugin_registry *reg = data;

    g_ptr_array_add(reg->plugins, g_strdup("libplugin-audio.so"));
    g_rec_mutex_unlock(&reg->lock); // expect: cross-task-exit {{GRecMutex 'reg->lock' is unlocked in thread 'plugin_loader'}}
    return NULL;
}

int main(void)
{
    struct plugin_registry reg;
    GThread *loader;

    g_rec_mutex_init(&reg.lock);
    reg.plugins = g_ptr_array_new_with_free_func(g_free);
    g_rec_mutex_lock(&reg.lock);
    loader = g_thread_new("plugin-loader", plugin_loader, &reg);
    g_thread_join(loader);
    g_print("%u plugins\n", reg.plugins->len);
    g_ptr_array_unref(reg.plugins);
    return 0;
}
