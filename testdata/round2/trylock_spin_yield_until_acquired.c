// A polling lock loop: while (pthread_mutex_trylock(&m)) sched_yield(); the thread owns the
// mutex after the loop and unlocks it itself. main holds the mutex for a moment while the
// workers start.
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long shared_total;

static void *poller(void *arg)
{
    long add = (long)arg;
    unsigned spins = 0;

    for (int round = 0; round < 20; round++) {
        while (pthread_mutex_trylock(&m))
            spins++, sched_yield();
        shared_total += add;
        pthread_mutex_unlock(&m);
    }
    return (void *)(unsigned long)spins;
}

int main(void)
{
    pthread_t a, b;

    pthread_mutex_lock(&m);
    pthread_create(&a, NULL, poller, (void *)1L);
    pthread_create(&b, NULL, poller, (void *)100L);
    shared_total = 0;
    pthread_mutex_unlock(&m);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("total = %ld\n", shared_total);
    return 0;
}
