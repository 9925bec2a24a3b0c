// Main locks the pid file and registers an atexit handler that unlocks it. A watchdog thread
// calls exit(), so the handler, and its unlock, run in the watchdog thread, not in main.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t g_pidfile_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_pidfile_fd = -1;

static void release_pidfile(void)
{
    g_pidfile_fd = -1;
    pthread_mutex_unlock(&g_pidfile_mu); // expect: cross-task-exit
}

static void *watchdog_thread(void *arg)
{
    int *missed = arg;

    if (*missed > 2) {
        fprintf(stderr, "watchdog: %d heartbeats missed, exiting\n", *missed);
        exit(0);
    }
    return NULL;
}

int main(void)
{
    pthread_t tid;
    int missed = 3;

    pthread_mutex_lock(&g_pidfile_mu);
    g_pidfile_fd = 4;
    atexit(release_pidfile);
    if (pthread_create(&tid, NULL, watchdog_thread, &missed) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
