// A begin/end suppression region around the whole worker function: the two unlocks inside
// it (one on the error path) are both dropped.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_index_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_index_size;

// NOLINTBEGIN(cross-task-exit): the indexer owns the lock main took for it
static void *indexer_main(void *arg)
{
    int *budget = arg;

    if (*budget <= 0) {
        pthread_mutex_unlock(&g_index_mu);
        return NULL;
    }
    g_index_size = *budget;
    pthread_mutex_unlock(&g_index_mu);
    return NULL;
}
// NOLINTEND(cross-task-exit)

int main(void)
{
    pthread_t indexer;
    int budget = 64;

    pthread_mutex_lock(&g_index_mu);
    if (pthread_create(&indexer, NULL, indexer_main, &budget) != 0)
        return 1;
    pthread_join(indexer, NULL);
    printf("index size %d\n", g_index_size);
    return 0;
}
