// The counter is a local of main and its address is the thread's argument.
// The stats thread takes the counter's lock for each flush and releases it; main never takes
// it, but unlocks it anyway: while the stats thread holds it, main's unlock releases the other
// thread's lock (helgrind: "unlocked lock ... currently held by thread #2").
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

struct counter {
    pthread_mutex_t mu;
    long hits;
};

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
    struct counter stats = {.hits = 0};
    pthread_mutex_init(&stats.mu, NULL);
    pthread_t flusher;

    if (pthread_create(&flusher, NULL, stats_flusher, &stats) != 0)
        return 1;
    usleep(20000);
    pthread_mutex_unlock(&stats.mu); // expect: cross-task-exit
    pthread_join(flusher, NULL);
    return 0;
}
