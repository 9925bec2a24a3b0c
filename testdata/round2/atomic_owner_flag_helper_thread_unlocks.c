// A lock whose holder is advertised through an atomic flag: main locks the mutex and sets
// lock_held; a helper thread spins on the flag and, seeing it set, "releases on behalf of" main.
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sched.h>
#include <stdio.h>

static pthread_mutex_t resource_mutex = PTHREAD_MUTEX_INITIALIZER;
static atomic_bool lock_held = false;
static atomic_bool released = false;

static void *release_helper(void *arg)
{
    (void)arg;
    while (!atomic_load(&lock_held))
        sched_yield();
    pthread_mutex_unlock(&resource_mutex); // expect: cross-task-exit
    atomic_store(&lock_held, false);
    atomic_store(&released, true);
    return NULL;
}

int main(void)
{
    pthread_t helper;

    pthread_create(&helper, NULL, release_helper, NULL);
    pthread_mutex_lock(&resource_mutex);
    atomic_store(&lock_held, true);
    while (!atomic_load(&released))
        sched_yield();
    pthread_join(helper, NULL);
    puts("done");
    return 0;
}
