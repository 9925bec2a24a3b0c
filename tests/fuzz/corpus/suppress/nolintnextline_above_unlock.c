// The next-line form of the suppression, on its own line above the worker's unlock, drops
// the finding on the line below it.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_cache_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_cache_generation;

static void *cache_rebuilder(void *arg)
{
    (void)arg;
    g_cache_generation++;
    // NOLINTNEXTLINE(cross-task-exit): the rebuilder finishes what main began
    pthread_mutex_unlock(&g_cache_mu);
    return NULL;
}

int main(void)
{
    pthread_t rebuilder;

    pthread_mutex_lock(&g_cache_mu);
    if (pthread_create(&rebuilder, NULL, cache_rebuilder, NULL) != 0)
        return 1;
    pthread_join(rebuilder, NULL);
    printf("cache generation %d\n", g_cache_generation);
    return 0;
}
