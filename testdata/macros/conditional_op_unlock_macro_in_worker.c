// UNLOCK_IF(cond, m) is written with ?: so that it can sit in an expression; the loader thread
// releases with it, when it has loaded something, the cache lock that main took.
// helgrind: "unlocked lock ... currently held by thread #1"
#include <pthread.h>
#include <stdio.h>

#define LOCK_IF(cond, m) ((cond) ? pthread_mutex_lock(m) : 0)
#define UNLOCK_IF(cond, m) ((cond) ? pthread_mutex_unlock(m) : 0)

static pthread_mutex_t g_cache_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_loaded;

static void *loader_thread(void *arg)
{
    int nfiles = *(int *)arg;

    g_loaded = nfiles;
    UNLOCK_IF(nfiles > 0, &g_cache_mu); // expect: cross-task-exit {{'g_cache_mu'}}
    return NULL;
}

int main(void)
{
    pthread_t tid;
    int nfiles = 3;

    LOCK_IF(nfiles > 0, &g_cache_mu);
    if (pthread_create(&tid, NULL, loader_thread, &nfiles) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%d loaded\n", g_loaded);
    return 0;
}
