// The same job runner, but the cancellation is delivered to the calling thread itself with
// pthread_kill(pthread_self(), ...): the handler runs synchronously in main, before
// pthread_kill returns, and releases the lock main took, on main's own thread. Silent
// (helgrind reports nothing).
// flags: -std=gnu11 -pthread
// rules: posix libc
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

static pthread_mutex_t g_jobs_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_job_cancelled;

static void on_cancel_job(int sig)
{
    (void)sig;
    pthread_mutex_unlock(&g_jobs_mu);
}

static void *job_worker(void *arg)
{
    (void)arg;
    return NULL;
}

int main(void)
{
    pthread_t worker;

    signal(SIGUSR1, on_cancel_job);
    pthread_create(&worker, NULL, job_worker, NULL);
    pthread_join(worker, NULL);
    pthread_mutex_lock(&g_jobs_mu);
    g_job_cancelled = 1;
    pthread_kill(pthread_self(), SIGUSR1);
    printf("cancelled %d\n", g_job_cancelled);
    return 0;
}
