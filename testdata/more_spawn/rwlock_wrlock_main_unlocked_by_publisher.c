// Main takes the routing table's write lock to rebuild it, and the publisher thread drops
// the write lock once it has announced the new table.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

typedef struct {
    pthread_rwlock_t rw;
    int epoch;
    int nroutes;
} routing_table_t;

static void *route_publisher(void *arg)
{
    routing_table_t *rt = arg;

    printf("publishing epoch %d with %d routes\n", rt->epoch, rt->nroutes);
    pthread_rwlock_unlock(&rt->rw); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    routing_table_t rt = {.epoch = 0};
    pthread_t tid;

    pthread_rwlock_init(&rt.rw, NULL);
    pthread_rwlock_wrlock(&rt.rw);
    rt.epoch++;
    rt.nroutes = 17;
    if (pthread_create(&tid, NULL, route_publisher, &rt) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_rwlock_destroy(&rt.rw);
    return 0;
}
