// Main holds the config lock until the config is loaded. The loader thread runs the one-time
// initialiser through pthread_once, and that initialiser unlocks the config lock, in the
// loader thread.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_config_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t g_config_once = PTHREAD_ONCE_INIT;
static int g_config_loaded;

static void load_config_once(void)
{
    g_config_loaded = 1;
    pthread_mutex_unlock(&g_config_mu); // expect: cross-task-exit
}

static void *loader_thread(void *arg)
{
    (void)arg;
    pthread_once(&g_config_once, load_config_once);
    return NULL;
}

int main(void)
{
    pthread_t tid;

    pthread_mutex_lock(&g_config_mu);
    if (pthread_create(&tid, NULL, loader_thread, NULL) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("config loaded=%d\n", g_config_loaded);
    return 0;
}
