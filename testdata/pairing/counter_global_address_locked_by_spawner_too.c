// The counter is a global and its address is the thread's argument; main takes the lock itself
// before it touches the counter. Each thread unlocks only what it locked.
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

struct counter {
    pthread_mutex_t mu;
    long hits;
};
static struct counter stats = {PTHREAD_MUTEX_INITIALIZER, 0};

static void *stats_flusher(void *arg)
{
    struct counter *c = arg;

    pthread_mutex_lock(&c->mu);
    usleep(100000);
    c->hits = 0;
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

int main(void)
{

    pthread_t flusher;

    if (pthread_create(&flusher, NULL, stats_flusher, &stats) != 0)
        return 1;
    usleep(20000);
    pthread_mutex_lock(&stats.mu);
    stats.hits++;
    pthread_mutex_unlock(&stats.mu);
    pthread_join(flusher, NULL);
    return 0;
}
