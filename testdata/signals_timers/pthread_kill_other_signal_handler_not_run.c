// A server installs two handlers: SIGUSR2's releases the reload lock (used only by the reload
// path, on the thread that took it), SIGUSR1's only sets a flag. main holds the reload lock
// while it sends SIGUSR1 to the worker: only the flag handler runs there. Silent.
// flags: -std=gnu11 -pthread
// rules: posix libc
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t g_reload_mu = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t g_wakeup;

static void on_finish_reload(int sig)
{
    (void)sig;
    pthread_mutex_unlock(&g_reload_mu);
}

static void on_wakeup(int sig)
{
    (void)sig;
    g_wakeup = 1;
}

static void *poll_worker(void *arg)
{
    (void)arg;
    while (!g_wakeup)
        usleep(1000);
    return NULL;
}

int main(void)
{
    pthread_t worker;

    signal(SIGUSR2, on_finish_reload);
    signal(SIGUSR1, on_wakeup);
    pthread_create(&worker, NULL, poll_worker, NULL);
    pthread_mutex_lock(&g_reload_mu);
    pthread_kill(worker, SIGUSR1);
    pthread_join(worker, NULL);
    pthread_mutex_unlock(&g_reload_mu);
    pthread_mutex_lock(&g_reload_mu);
    raise(SIGUSR2); /* the reload finishes on main's own thread */
    puts("reloaded");
    return 0;
}
