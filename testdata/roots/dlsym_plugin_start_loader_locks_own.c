// The host finds plugin_start with dlsym; it is the root of a task of its own. The loader thread
// it starts takes and releases the registry lock itself, and so does plugin_start after the
// join.
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_registry_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_plugins;

static void *plugin_loader(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_registry_mu);
    g_plugins++;
    pthread_mutex_unlock(&g_registry_mu);
    return NULL;
}

int plugin_start(void)
{
    pthread_t tid;

    if (pthread_create(&tid, NULL, plugin_loader, NULL) != 0)
        return -1;
    pthread_join(tid, NULL);
    pthread_mutex_lock(&g_registry_mu);
    g_plugins++;
    pthread_mutex_unlock(&g_registry_mu);
    return 0;
}

int main(void)
{
    void *self = dlopen(NULL, RTLD_NOW);
    int (*start)(void);

    if (!self)
        return 1;
    *(void **)&start = dlsym(self, "plugin_start");
    if (start && start() == 0)
        printf("%d plugins\n", g_plugins);
    dlclose(self);
    return 0;
}
