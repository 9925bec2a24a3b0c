// Main takes the flush lock with a successful trylock and the flusher thread unlocks it.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_flush_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_dirty_pages = 8;

static void *flusher_main(void *arg)
{
    (void)arg;
    g_dirty_pages = 0;
    pthread_mutex_unlock(&g_flush_mu); // expect: cross-task-exit {{'g_flush_mu'}}
    return NULL;
}

int main(void)
{
    pthread_t tid;

    if (pthread_mutex_trylock(&g_flush_mu) == 0) {
        if (pthread_create(&tid, NULL, flusher_main, NULL) != 0)
            return 1;
        pthread_join(tid, NULL);
    }
    printf("%d dirty pages\n", g_dirty_pages);
    return 0;
}
