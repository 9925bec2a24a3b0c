// Cancellation with cleanup handlers: the worker locks the mutex, pushes a cleanup handler that
// unlocks it, and loops at a cancellation point (pthread_testcancel). When main cancels it,
// the handler runs in the worker, which owns the lock.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static pthread_mutex_t mtx = PTHREAD_MUTEX_INITIALIZER;
static sem_t started;

static void cleanup_unlock(void *arg)
{
    pthread_mutex_unlock((pthread_mutex_t *)arg);
    printf("cleanup handler released the mutex\n");
}

static void *spinner(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mtx);
    pthread_cleanup_push(cleanup_unlock, &mtx);
    sem_post(&started);
    for (;;)
        pthread_testcancel();
    pthread_cleanup_pop(1);
    return NULL;
}

int main(void)
{
    pthread_t th;
    void *res;

    sem_init(&started, 0, 0);
    pthread_create(&th, NULL, spinner, NULL);
    sem_wait(&started);
    pthread_cancel(th);
    pthread_join(th, &res);
    if (res == PTHREAD_CANCELED)
        printf("thread was canceled\n");
    pthread_mutex_lock(&mtx);
    pthread_mutex_unlock(&mtx);
    return 0;
}
