// A suppression comment naming cross-task-exit, with its reason, on the worker's unlock line:
// the hand-over is deliberate (main waits in join), so the finding is dropped.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_journal_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_journal_entries;

static void *journal_flusher(void *arg)
{
    (void)arg;
    g_journal_entries = 0;
    pthread_mutex_unlock(&g_journal_mu); // NOLINT(cross-task-exit): main waits in join
    return NULL;
}

int main(void)
{
    pthread_t flusher;

    pthread_mutex_lock(&g_journal_mu);
    g_journal_entries = 3;
    if (pthread_create(&flusher, NULL, journal_flusher, NULL) != 0)
        return 1;
    pthread_join(flusher, NULL);
    printf("journal entries %d\n", g_journal_entries);
    return 0;
}
