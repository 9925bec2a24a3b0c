// The index builder locks and unlocks the index before returning; main only joins it.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_index_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_index_entries;

static void *index_rebuilder(void *arg)
{
    int n = *(const int *)arg;

    pthread_mutex_lock(&g_index_mu);
    for (int i = 0; i < n; i++)
        g_index_entries++;
    pthread_mutex_unlock(&g_index_mu);
    return NULL;
}

int main(void)
{
    pthread_t tid;
    int n = 64;

    if (pthread_create(&tid, NULL, index_rebuilder, &n) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("index has %d entries\n", g_index_entries);
    return 0;
}
