// The worker gets a pthread_mutex_t ** (a slot that names the current lock), locks *slot and
// unlocks *slot. Main locks and unlocks the same mutex by name before starting it.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_primary_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t *g_current_lock = &g_primary_mu;
static int g_writes;

static void *writer_thread(void *arg)
{
    pthread_mutex_t **slot = arg;

    pthread_mutex_lock(*slot);
    g_writes++;
    pthread_mutex_unlock(*slot);
    return NULL;
}

int main(void)
{
    pthread_t tid;

    pthread_mutex_lock(&g_primary_mu);
    g_writes = 1;
    pthread_mutex_unlock(&g_primary_mu);
    if (pthread_create(&tid, NULL, writer_thread, &g_current_lock) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%d writes\n", g_writes);
    return 0;
}
