// pthread_once runs the initialiser synchronously in the first caller; the initialiser locks
// and unlocks the registry itself.
#include <pthread.h>
#include <stdio.h>

static pthread_once_t g_registry_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t g_registry_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_registry_size;

static void registry_init(void)
{
    pthread_mutex_lock(&g_registry_mu);
    g_registry_size = 16;
    pthread_mutex_unlock(&g_registry_mu);
}

static int registry_capacity(void)
{
    int n;

    pthread_once(&g_registry_once, registry_init);
    pthread_mutex_lock(&g_registry_mu);
    n = g_registry_size;
    pthread_mutex_unlock(&g_registry_mu);
    return n;
}

static void *plugin_loader(void *arg)
{
    (void)arg;
    printf("loader sees capacity %d\n", registry_capacity());
    return NULL;
}

int main(void)
{
    pthread_t tids[2];

    for (int i = 0; i < 2; i++) {
        if (pthread_create(&tids[i], NULL, plugin_loader, NULL) != 0)
            return 1;
    }
    printf("main sees capacity %d\n", registry_capacity());
    for (int i = 0; i < 2; i++)
        pthread_join(tids[i], NULL);
    return 0;
}
