// Main locks the pid file for the life of the process and registers an atexit handler that
// unlocks it. Main returns normally, so exit() and the handler run in main, which holds the
// lock. The worker thread only computes and is joined first.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t g_pidfile_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_pidfile_fd = -1;

static void release_pidfile(void)
{
    g_pidfile_fd = -1;
    pthread_mutex_unlock(&g_pidfile_mu);
}

static void *heartbeat_thread(void *arg)
{
    int *beats = arg;

    for (int i = 0; i < 5; i++)
        (*beats)++;
    return NULL;
}

int main(void)
{
    pthread_t tid;
    int beats = 0;

    pthread_mutex_lock(&g_pidfile_mu);
    g_pidfile_fd = 4;
    atexit(release_pidfile);
    if (pthread_create(&tid, NULL, heartbeat_thread, &beats) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%d heartbeats, pidfile fd %d\n", beats, g_pidfile_fd);
    return 0;
}
