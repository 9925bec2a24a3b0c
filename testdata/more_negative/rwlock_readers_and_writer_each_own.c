// Several reader threads take the read lock and drop it; main takes the write lock around its
// update and drops it. Every release is by the thread that acquired.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

typedef struct {
    pthread_rwlock_t rw;
    int epoch;
    int nroutes;
} routing_table_t;

static void *route_reader(void *arg)
{
    routing_table_t *rt = arg;
    int n;

    pthread_rwlock_rdlock(&rt->rw);
    n = rt->nroutes;
    pthread_rwlock_unlock(&rt->rw);
    return (void *)(long)n;
}

int main(void)
{
    routing_table_t rt = {.epoch = 0, .nroutes = 4};
    pthread_t readers[3];

    pthread_rwlock_init(&rt.rw, NULL);
    for (int i = 0; i < 3; i++)
        pthread_create(&readers[i], NULL, route_reader, &rt);
    pthread_rwlock_wrlock(&rt.rw);
    rt.epoch++;
    rt.nroutes = 9;
    pthread_rwlock_unlock(&rt.rw);
    for (int i = 0; i < 3; i++)
        pthread_join(readers[i], NULL);
    printf("epoch %d\n", rt.epoch);
    pthread_rwlock_destroy(&rt.rw);
    return 0;
}
