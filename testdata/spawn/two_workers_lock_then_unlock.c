// Two workers: maintenance_begin locks the global and exits still holding it, and a second
// thread, maintenance_end, unlocks it.
// helgrind: "Exiting thread still holds 1 lock" and "Thread #3 unlocked lock ... held by thread #2"
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_maintenance_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_in_maintenance;

static void *maintenance_begin(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_maintenance_mu);
    g_in_maintenance = 1;
    return NULL;
}

static void *maintenance_end(void *arg)
{
    (void)arg;
    g_in_maintenance = 0;
    // expect@+1: cross-task-exit {{was locked in thread 'maintenance_begin'}}
    pthread_mutex_unlock(&g_maintenance_mu);
    return NULL;
}

int main(void)
{
    pthread_t begin_tid, end_tid;

    if (pthread_create(&begin_tid, NULL, maintenance_begin, NULL) != 0)
        return 1;
    pthread_join(begin_tid, NULL);
    if (pthread_create(&end_tid, NULL, maintenance_end, NULL) != 0)
        return 1;
    pthread_join(end_tid, NULL);
    printf("maintenance: %d\n", g_in_maintenance);
    return 0;
}
