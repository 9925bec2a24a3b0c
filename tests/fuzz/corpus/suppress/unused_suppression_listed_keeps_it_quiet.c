// A suppression kept on purpose although it matches nothing today (the platform port still
// hands the lock over) lists unused-suppression too, which keeps its report quiet.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_device_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_device_open;

static void *device_poller(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_device_mu);
    g_device_open = 0;
    pthread_mutex_unlock(&g_device_mu); // NOLINT(cross-task-exit, unused-suppression): port
    return NULL;
}

int main(void)
{
    pthread_t poller;

    g_device_open = 1;
    if (pthread_create(&poller, NULL, device_poller, NULL) != 0)
        return 1;
    pthread_join(poller, NULL);
    printf("device open %d\n", g_device_open);
    return 0;
}
