// Connection sweeper: for each connection slot, `if (!c || pthread_mutex_trylock(&c->mu) != 0)
// continue;` skips empty or busy slots; the unlock only runs when the trylock succeeded.
// main locks a connection itself while it updates it.
#include <pthread.h>
#include <stdio.h>

#define NCONN 4

struct conn {
    pthread_mutex_t mu;
    int idle_ticks;
};

static struct conn pool[NCONN] = {
    {PTHREAD_MUTEX_INITIALIZER, 0}, {PTHREAD_MUTEX_INITIALIZER, 0},
    {PTHREAD_MUTEX_INITIALIZER, 0}, {PTHREAD_MUTEX_INITIALIZER, 0}};
static struct conn *slots[NCONN] = {&pool[0], NULL, &pool[2], &pool[3]};

static void *sweeper(void *arg)
{
    (void)arg;
    for (int round = 0; round < 10; round++) {
        for (int i = 0; i < NCONN; i++) {
            struct conn *c = slots[i];

            if (!c || pthread_mutex_trylock(&c->mu) != 0)
                continue;
            c->idle_ticks++;
            pthread_mutex_unlock(&c->mu);
        }
    }
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, sweeper, NULL);
    for (int i = 0; i < 5; i++) {
        pthread_mutex_lock(&slots[2]->mu);
        slots[2]->idle_ticks = 0;
        pthread_mutex_unlock(&slots[2]->mu);
    }
    pthread_join(t, NULL);
    printf("conn 0 idle for %d ticks\n", pool[0].idle_ticks);
    return 0;
}
