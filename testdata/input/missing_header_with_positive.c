// A header that cannot be found: crosstask reports it, exits with 3, and still finds the
// cross-task exit in the rest of the file.
// exit: 3
#include <pthread.h>
#include <stdio.h>
#include "no_such_header.h" // expect-error: {{no_such_header.h}}

static pthread_mutex_t g_cache_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_cache_entries = 10;

static void *cache_evictor(void *arg)
{
    (void)arg;
    g_cache_entries /= 2;
    pthread_mutex_unlock(&g_cache_mu); // expect: cross-task-exit {{'g_cache_mu'}}
    return NULL;
}

int main(void)
{
    pthread_t tid;

    pthread_mutex_lock(&g_cache_mu);
    if (pthread_create(&tid, NULL, cache_evictor, NULL) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%d cache entries\n", g_cache_entries);
    return 0;
}
