// Barrier-based phases: in phase 1 every thread sums its slice and adds it to the global total
// under a mutex; after the barrier, phase 2 reads the total and scales its slice under the same
// mutex. Every lock is released by the thread that took it.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

#define NTHREADS 4
#define SLICE 8

static double data[NTHREADS * SLICE];
static double total;
static pthread_mutex_t total_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t phase_barrier;

static void *phase_worker(void *arg)
{
    long id = (long)arg;
    double local = 0.0, snapshot;

    for (int i = 0; i < SLICE; i++)
        local += data[id * SLICE + i];
    pthread_mutex_lock(&total_mutex);
    total += local;
    pthread_mutex_unlock(&total_mutex);

    pthread_barrier_wait(&phase_barrier);

    pthread_mutex_lock(&total_mutex);
    snapshot = total;
    pthread_mutex_unlock(&total_mutex);
    for (int i = 0; i < SLICE; i++)
        data[id * SLICE + i] /= snapshot;
    return NULL;
}

int main(void)
{
    pthread_t th[NTHREADS];

    for (int i = 0; i < NTHREADS * SLICE; i++)
        data[i] = i + 1;
    pthread_barrier_init(&phase_barrier, NULL, NTHREADS);
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&th[i], NULL, phase_worker, (void *)i);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&phase_barrier);
    printf("total %.1f, data[0] %.4f\n", total, data[0]);
    return 0;
}
