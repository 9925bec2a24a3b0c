// Start gate with a condition variable: each worker locks the gate mutex, waits until the gate
// is open, and unlocks it; main opens the gate under the same mutex after creating everyone.
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

typedef struct {
    pthread_mutex_t mutex;
    pthread_cond_t opened;
    bool open;
} gate_t;

typedef struct {
    gate_t *gate;
    int id;
    long sum;
} worker_arg_t;

static void gate_pass(gate_t *g)
{
    pthread_mutex_lock(&g->mutex);
    while (!g->open)
        pthread_cond_wait(&g->opened, &g->mutex);
    pthread_mutex_unlock(&g->mutex);
}

static void gate_open(gate_t *g)
{
    pthread_mutex_lock(&g->mutex);
    g->open = true;
    pthread_cond_broadcast(&g->opened);
    pthread_mutex_unlock(&g->mutex);
}

static void *worker(void *p)
{
    worker_arg_t *a = p;

    gate_pass(a->gate);
    for (int i = 0; i <= a->id * 100; i++)
        a->sum += i;
    return NULL;
}

int main(void)
{
    gate_t gate = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false};
    worker_arg_t args[3];
    pthread_t th[3];

    for (int i = 0; i < 3; i++) {
        args[i] = (worker_arg_t){.gate = &gate, .id = i};
        pthread_create(&th[i], NULL, worker, &args[i]);
    }
    gate_open(&gate);
    for (int i = 0; i < 3; i++) {
        pthread_join(th[i], NULL);
        printf("worker %d: %ld\n", args[i].id, args[i].sum);
    }
    return 0;
}
