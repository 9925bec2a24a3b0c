// Per-thread mutexes reached through pointers in a struct array indexed by thread id: each
// thread locks and unlocks only the mutex in its own slot; main inspects each slot after the
// thread finished.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define NTHREADS 4

struct thread_data {
    int thread_id;
    pthread_mutex_t *lock;
    int *counter;
};

static struct thread_data thread_data_array[NTHREADS];

static void *count_up(void *threadarg)
{
    struct thread_data *my_data = (struct thread_data *)threadarg;

    for (int i = 0; i < 50; i++) {
        pthread_mutex_lock(my_data->lock);
        (*my_data->counter)++;
        pthread_mutex_unlock(my_data->lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t threads[NTHREADS];
    pthread_mutex_t *locks = malloc(NTHREADS * sizeof *locks);
    int *counters = calloc(NTHREADS, sizeof *counters);

    for (int t = 0; t < NTHREADS; t++) {
        pthread_mutex_init(&locks[t], NULL);
        thread_data_array[t].thread_id = t;
        thread_data_array[t].lock = &locks[t];
        thread_data_array[t].counter = &counters[t];
        pthread_create(&threads[t], NULL, count_up, &thread_data_array[t]);
    }
    for (int t = 0; t < NTHREADS; t++) {
        pthread_join(threads[t], NULL);
        pthread_mutex_lock(thread_data_array[t].lock);
        printf("thread %d counted %d\n", t, counters[t]);
        pthread_mutex_unlock(thread_data_array[t].lock);
        pthread_mutex_destroy(&locks[t]);
    }
    free(locks);
    free(counters);
    return 0;
}
