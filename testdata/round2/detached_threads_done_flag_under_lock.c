// Detached worker threads (created with PTHREAD_CREATE_DETACHED) each lock the shared status
// block, mark themselves done and signal main, which waits on a condition variable until all
// have reported; nobody joins them.
#include <pthread.h>
#include <stdio.h>

#define NUM_THREADS 4

static struct {
    pthread_mutex_t lock;
    pthread_cond_t all_done;
    int finished;
    int results[NUM_THREADS];
} status = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, {0}};

static void *detached_worker(void *arg)
{
    long id = (long)arg;

    pthread_mutex_lock(&status.lock);
    status.results[id] = (int)(id * id);
    status.finished++;
    if (status.finished == NUM_THREADS)
        pthread_cond_signal(&status.all_done);
    pthread_mutex_unlock(&status.lock);
    return NULL;
}

int main(void)
{
    pthread_attr_t attr;
    pthread_t tid;

    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (long t = 0; t < NUM_THREADS; t++) {
        if (pthread_create(&tid, &attr, detached_worker, (void *)t) != 0) {
            fprintf(stderr, "cannot create thread %ld\n", t);
            return 1;
        }
    }
    pthread_attr_destroy(&attr);

    pthread_mutex_lock(&status.lock);
    while (status.finished < NUM_THREADS)
        pthread_cond_wait(&status.all_done, &status.lock);
    for (int i = 0; i < NUM_THREADS; i++)
        printf("result[%d] = %d\n", i, status.results[i]);
    pthread_mutex_unlock(&status.lock);
    return 0;
}
