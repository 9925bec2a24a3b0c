// A daemon installs its SIGHUP handler with sigaction; the handler only sets a sig_atomic_t
// flag, and the main loop reopens the log under the log lock, which it releases itself; a
// worker writes under the same lock. Silent.
// flags: -std=gnu11 -pthread
// rules: posix libc
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t g_log_mu = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t g_reopen;
static int g_log_generation;

static void on_hangup(int sig)
{
    (void)sig;
    g_reopen = 1;
}

static void *log_writer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_log_mu);
    g_log_generation += 0;
    pthread_mutex_unlock(&g_log_mu);
    return NULL;
}

int main(void)
{
    struct sigaction sa;
    pthread_t tid;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_hangup;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, NULL);
    pthread_create(&tid, NULL, log_writer, NULL);
    raise(SIGHUP);
    if (g_reopen) {
        pthread_mutex_lock(&g_log_mu);
        g_log_generation++;
        pthread_mutex_unlock(&g_log_mu);
    }
    pthread_join(tid, NULL);
    printf("generation %d\n", g_log_generation);
    return 0;
}
