// Main holds a read lock on the route table while a lookup thread takes its own read lock,
// unlocks it, and then unlocks again in finish_lookup(): the second unlock releases the
// read lock main holds.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

struct route_table {
    pthread_rwlock_t rw;
    int nroutes;
};

static void finish_lookup(struct route_table *rt)
{
    pthread_rwlock_unlock(&rt->rw); // expect: cross-task-exit
}

static void *lookup_thread(void *arg)
{
    struct route_table *rt = arg;
    int n;

    pthread_rwlock_rdlock(&rt->rw);
    n = rt->nroutes;
    pthread_rwlock_unlock(&rt->rw);
    printf("%d routes\n", n);
    finish_lookup(rt);
    return NULL;
}

int main(void)
{
    struct route_table rt = {.nroutes = 12};
    pthread_t tid;

    pthread_rwlock_init(&rt.rw, NULL);
    pthread_rwlock_rdlock(&rt.rw);
    if (pthread_create(&tid, NULL, lookup_thread, &rt) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
