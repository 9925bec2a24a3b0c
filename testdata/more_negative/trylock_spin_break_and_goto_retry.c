// Two spin idioms in the compactor: `for (;;) { if (trylock == 0) break; yield; }` and a
// backward `goto retry`. Each unlock follows the compactor's own successful trylock; main
// holds the lock at first and unlocks it itself.
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

static pthread_mutex_t g_heap_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_heap_free;

static void compact_once(void)
{
    for (;;) {
        if (pthread_mutex_trylock(&g_heap_mu) == 0)
            break;
        sched_yield();
    }
    g_heap_free += 4;
    pthread_mutex_unlock(&g_heap_mu);
}

static void compact_again(void)
{
retry:
    if (pthread_mutex_trylock(&g_heap_mu) != 0) {
        sched_yield();
        goto retry;
    }
    g_heap_free += 4;
    pthread_mutex_unlock(&g_heap_mu);
}

static void *compactor_thread(void *arg)
{
    (void)arg;
    compact_once();
    compact_again();
    return NULL;
}

int main(void)
{
    pthread_t tid;

    pthread_mutex_lock(&g_heap_mu);
    if (pthread_create(&tid, NULL, compactor_thread, NULL) != 0)
        return 1;
    g_heap_free = 100;
    pthread_mutex_unlock(&g_heap_mu);
    pthread_join(tid, NULL);
    printf("heap free %d\n", g_heap_free);
    return 0;
}
