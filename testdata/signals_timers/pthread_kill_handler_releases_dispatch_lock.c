// The supervisor locks the dispatch table and signals the worker with pthread_kill (the worker's
// id is kept in its slot); the worker installed a SIGUSR2 handler that releases the dispatch
// lock, so the unlock runs on the worker, not on the supervisor that locked (helgrind: unlocked
// lock held by other thread). The SIGUSR1 handler only sets a sig_atomic_t flag: silent.
// flags: -std=gnu11 -pthread
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

struct dispatch {
    pthread_mutex_t lock;
    int pending;
};

static struct dispatch table = {PTHREAD_MUTEX_INITIALIZER, 0};
static volatile sig_atomic_t reload_requested;

struct worker_slot {
    pthread_t tid;
    volatile int ready;
};

static void on_reload(int sig)
{
    (void)sig;
    reload_requested = 1;
}

static void on_handoff(int sig)
{
    (void)sig;
    table.pending = 0;
    pthread_mutex_unlock(&table.lock); // expect: cross-task-exit {{pthread mutex 'table.lock' is unlocked in thread 'worker_main' but was locked in thread 'main'}}
}

static void *worker_main(void *arg)
{
    struct worker_slot *slot = arg;

    signal(SIGUSR1, on_reload);
    signal(SIGUSR2, on_handoff);
    slot->ready = 1;
    for (int i = 0; i < 200 && !reload_requested; i++)
        usleep(1000);
    return NULL;
}

int main(void)
{
    struct worker_slot slot = {0};

    pthread_create(&slot.tid, NULL, worker_main, &slot);
    while (!slot.ready)
        usleep(1000);
    pthread_mutex_lock(&table.lock);
    table.pending = 3;
    pthread_kill(slot.tid, SIGUSR2);
    usleep(20000);
    pthread_kill(slot.tid, SIGUSR1);
    pthread_join(slot.tid, NULL);
    printf("pending %d\n", table.pending);
    return 0;
}
