// TAKE(m, wait) is written with ?: : a blocking lock when the caller may wait, a trylock when it
// may not. The loader thread unlocks only after a take that returned 0; main does the same.
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

#define TAKE(m, wait) ((wait) ? pthread_mutex_lock(m) : pthread_mutex_trylock(m))

static pthread_mutex_t g_cache_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_loaded;

static void *loader_thread(void *arg)
{
    bool may_wait = *(bool *)arg;

    if (TAKE(&g_cache_mu, may_wait) == 0) {
        g_loaded++;
        pthread_mutex_unlock(&g_cache_mu);
    }
    return NULL;
}

int main(void)
{
    pthread_t tid;
    bool may_wait = true;

    if (pthread_create(&tid, NULL, loader_thread, &may_wait) != 0)
        return 1;
    if (TAKE(&g_cache_mu, true) == 0) {
        g_loaded++;
        pthread_mutex_unlock(&g_cache_mu);
    }
    pthread_join(tid, NULL);
    printf("%d loaded\n", g_loaded);
    return 0;
}
