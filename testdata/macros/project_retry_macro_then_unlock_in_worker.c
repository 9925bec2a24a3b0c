// A project's own loop macros: RETRY_WHILE(n) is a for loop with a condition and an increment
// but no init, FOREVER one with no part at all. The fetcher retries, then releases the cache
// lock that main took before starting it.
// helgrind: "unlocked lock ... currently held by thread #1"
#include <pthread.h>
#include <stdio.h>

#define RETRY_WHILE(n) for (; (n) > 0; (n)--)
#define FOREVER for (;;)

static pthread_mutex_t g_cache_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_fetched;

static int fetch_once(int attempt)
{
    return attempt % 3 == 0;
}

static void *fetcher_thread(void *arg)
{
    int attempts = *(int *)arg;
    int ticks = 0;

    RETRY_WHILE(attempts) {
        if (fetch_once(attempts))
            g_fetched++;
    }
    FOREVER {
        if (++ticks > 4)
            break;
    }
    pthread_mutex_unlock(&g_cache_mu); // expect: cross-task-exit {{'g_cache_mu'}}
    return NULL;
}

int main(void)
{
    pthread_t tid;
    int attempts = 6;

    pthread_mutex_lock(&g_cache_mu);
    if (pthread_create(&tid, NULL, fetcher_thread, &attempts) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%d fetched\n", g_fetched);
    return 0;
}
