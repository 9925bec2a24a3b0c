// The indexer only takes the lock when it has something to write, remembers that in a local
// `locked` flag, and unlocks later only if the flag is set. Main locks and unlocks the same
// index on its own. Every unlock follows this thread's own lock.
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

static pthread_mutex_t g_index_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_index_terms;

static void *indexer_thread(void *arg)
{
    int nterms = *(int *)arg;
    bool locked = false;

    if (nterms > 0) {
        pthread_mutex_lock(&g_index_mu);
        locked = true;
    }
    for (int i = 0; i < nterms; i++)
        g_index_terms++;
    if (locked)
        pthread_mutex_unlock(&g_index_mu);
    return NULL;
}

int main(void)
{
    pthread_t tid;
    int nterms = 12;

    if (pthread_create(&tid, NULL, indexer_thread, &nterms) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_lock(&g_index_mu);
    printf("%d terms\n", g_index_terms);
    pthread_mutex_unlock(&g_index_mu);
    return 0;
}
