// main disables its own cancellation while it sets up; each worker explicitly enables
// cancellation for itself at start-up (a different thread's own state). Nothing is restored
// across threads.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    int id = *(int *)arg;

    pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
    pthread_setcanceltype(PTHREAD_CANCEL_DEFERRED, NULL);
    pthread_mutex_lock(&log_mu);
    printf("worker %d running\n", id);
    pthread_mutex_unlock(&log_mu);
    return NULL;
}

int main(void)
{
    int oldstate, ids[2] = {1, 2};
    pthread_t t[2];

    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &oldstate);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, &ids[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    pthread_setcancelstate(oldstate, NULL);
    return 0;
}
