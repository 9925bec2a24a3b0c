// Main starts the committer first and only then locks the store; it posts a semaphore and the
// committer, woken by it, unlocks the store. The lock is not held at pthread_create time, but
// the unlock still runs in a thread that never locked it.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static pthread_mutex_t g_store_mu = PTHREAD_MUTEX_INITIALIZER;
static sem_t g_go;
static int g_store_dirty;

static void *committer_thread(void *arg)
{
    (void)arg;
    sem_wait(&g_go);
    g_store_dirty = 0;
    pthread_mutex_unlock(&g_store_mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t tid;

    sem_init(&g_go, 0, 0);
    if (pthread_create(&tid, NULL, committer_thread, NULL) != 0)
        return 1;
    pthread_mutex_lock(&g_store_mu);
    g_store_dirty = 1;
    sem_post(&g_go);
    pthread_join(tid, NULL);
    printf("dirty=%d\n", g_store_dirty);
    sem_destroy(&g_go);
    return 0;
}
