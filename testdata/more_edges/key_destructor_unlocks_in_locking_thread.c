// Each request thread locks the shared quota table and registers the lock as its
// thread-specific value; the key's destructor unlocks it when that same thread exits.
// Main only locks and unlocks the table around its own read after the joins.
#include <pthread.h>
#include <stdio.h>

static pthread_key_t g_held_key;
static pthread_mutex_t g_quota_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_quota_used;

static void release_held_lock(void *value)
{
    pthread_mutex_unlock(value);
}

static void *request_thread(void *arg)
{
    int cost = *(int *)arg;

    pthread_mutex_lock(&g_quota_mu);
    pthread_setspecific(g_held_key, &g_quota_mu);
    g_quota_used += cost;
    return NULL;
}

int main(void)
{
    pthread_t tids[2];
    int cost = 5;

    pthread_key_create(&g_held_key, release_held_lock);
    for (int i = 0; i < 2; i++)
        pthread_create(&tids[i], NULL, request_thread, &cost);
    for (int i = 0; i < 2; i++)
        pthread_join(tids[i], NULL);
    pthread_mutex_lock(&g_quota_mu);
    printf("quota used %d\n", g_quota_used);
    pthread_mutex_unlock(&g_quota_mu);
    pthread_key_delete(g_held_key);
    return 0;
}
