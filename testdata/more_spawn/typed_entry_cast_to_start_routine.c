// Older code declares the thread entry with its real parameter type and casts it to the
// start-routine type at pthread_create. The entry unlocks the spool main locked.
#include <pthread.h>
#include <stdio.h>

typedef void *(*start_routine_t)(void *);

struct spool {
    pthread_mutex_t mu;
    int njobs;
};

static void *spool_drainer(struct spool *sp)
{
    sp->njobs = 0;
    pthread_mutex_unlock(&sp->mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    struct spool sp = {.njobs = 9};
    pthread_t tid;

    pthread_mutex_init(&sp.mu, NULL);
    pthread_mutex_lock(&sp.mu);
    if (pthread_create(&tid, NULL, (start_routine_t)spool_drainer, &sp) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%d jobs left\n", sp.njobs);
    return 0;
}
