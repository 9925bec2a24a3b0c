// The poller takes the listener lock itself, clears its fd_set with glibc's FD_ZERO (a for loop
// written by a macro) and releases its own lock.
#include <pthread.h>
#include <stdio.h>
#include <sys/select.h>

static pthread_mutex_t g_listener_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_listeners;

static void *poller_thread(void *arg)
{
    fd_set readable;

    (void)arg;
    pthread_mutex_lock(&g_listener_mu);
    FD_ZERO(&readable);
    FD_SET(0, &readable);
    g_listeners += FD_ISSET(0, &readable) ? 1 : 0;
    pthread_mutex_unlock(&g_listener_mu);
    return NULL;
}

int main(void)
{
    pthread_t tid;

    if (pthread_create(&tid, NULL, poller_thread, NULL) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_lock(&g_listener_mu);
    printf("%d listeners\n", g_listeners);
    pthread_mutex_unlock(&g_listener_mu);
    return 0;
}
