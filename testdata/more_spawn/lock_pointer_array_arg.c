// Main locks two mutexes and passes the worker an array of pointers to them; the worker
// unlocks locks[1], the index lock, which main took.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_data_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t g_index_mu = PTHREAD_MUTEX_INITIALIZER;

static void *reindex_thread(void *arg)
{
    pthread_mutex_t **locks = arg;

    printf("reindexing\n");
    pthread_mutex_unlock(locks[1]); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_mutex_t *locks[2] = {&g_data_mu, &g_index_mu};
    pthread_t tid;

    pthread_mutex_lock(&g_data_mu);
    pthread_mutex_lock(&g_index_mu);
    if (pthread_create(&tid, NULL, reindex_thread, locks) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_unlock(&g_data_mu);
    return 0;
}
