// A project's own loop macros: RETRY_WHILE(n) is a for loop with a condition and an increment
// but no init, FOREVER one with no part at all. The fetcher locks the cache in each retry and
// unlocks it before the next; main locks and unlocks it after the join.
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
        pthread_mutex_lock(&g_cache_mu);
        if (fetch_once(attempts))
            g_fetched++;
        pthread_mutex_unlock(&g_cache_mu);
    }
    FOREVER {
        pthread_mutex_lock(&g_cache_mu);
        if (++ticks > 4) {
            pthread_mutex_unlock(&g_cache_mu);
            break;
        }
        pthread_mutex_unlock(&g_cache_mu);
    }
    return NULL;
}

int main(void)
{
    pthread_t tid;
    int attempts = 6;

    if (pthread_create(&tid, NULL, fetcher_thread, &attempts) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_lock(&g_cache_mu);
    printf("%d fetched\n", g_fetched);
    pthread_mutex_unlock(&g_cache_mu);
    return 0;
}
