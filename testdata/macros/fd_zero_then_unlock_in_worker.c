// The poller clears its fd_set with glibc's FD_ZERO (a for loop written by a macro) and then
// releases the listener lock that main took before starting it.
// helgrind: "unlocked lock ... currently held by thread #1"
#include <pthread.h>
#include <stdio.h>
#include <sys/select.h>

static pthread_mutex_t g_listener_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_listeners;

static void *poller_thread(void *arg)
{
    fd_set readable;

    (void)arg;
    FD_ZERO(&readable);
    FD_SET(0, &readable);
    g_listeners += FD_ISSET(0, &readable) ? 1 : 0;
    pthread_mutex_unlock(&g_listener_mu); // expect: cross-task-exit {{'g_listener_mu'}}
    return NULL;
}

int main(void)
{
    pthread_t tid;

    pthread_mutex_lock(&g_listener_mu);
    if (pthread_create(&tid, NULL, poller_thread, NULL) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%d listeners\n", g_listeners);
    return 0;
}
