// A toggle() helper locks the maintenance mutex if it is free and unlocks it if it is taken
// (tracked with a flag). The first thread's call locks it; the second thread's call, meant to
// "end maintenance", unlocks it from another thread.
#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stdio.h>

static pthread_mutex_t maintenance = PTHREAD_MUTEX_INITIALIZER;
static bool in_maintenance;
static sem_t started;

static void toggle_maintenance(void)
{
    if (in_maintenance) {
        in_maintenance = false;
        pthread_mutex_unlock(&maintenance); // expect: cross-task-exit
    } else {
        pthread_mutex_lock(&maintenance);
        in_maintenance = true;
    }
}

static void *admin_start(void *arg)
{
    (void)arg;
    toggle_maintenance();
    sem_post(&started);
    return NULL;
}

static void *admin_end(void *arg)
{
    (void)arg;
    sem_wait(&started);
    toggle_maintenance();
    return NULL;
}

int main(void)
{
    pthread_t a, b;

    sem_init(&started, 0, 0);
    pthread_create(&a, NULL, admin_start, NULL);
    pthread_create(&b, NULL, admin_end, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("maintenance: %d\n", in_maintenance);
    return 0;
}
