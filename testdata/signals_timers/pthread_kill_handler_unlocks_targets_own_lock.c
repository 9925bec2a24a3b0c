// A watchdog: the worker takes its progress lock and spins on a long job; when main decides the
// job has run too long it sends SIGALRM to that worker, whose handler releases the progress
// lock the worker itself took and sets a flag. The handler runs in the worker: the lock is
// unlocked by the thread that locked it (helgrind reports nothing). Silent.
// flags: -std=gnu11 -pthread
// rules: posix libc
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>

static pthread_mutex_t g_progress_mu = PTHREAD_MUTEX_INITIALIZER;
static sem_t g_job_started;
static volatile sig_atomic_t g_timed_out;

static void on_job_timeout(int sig)
{
    (void)sig;
    g_timed_out = 1;
    pthread_mutex_unlock(&g_progress_mu);
}

static void *long_job(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_progress_mu);
    sem_post(&g_job_started);
    while (!g_timed_out)
        ; /* the job's work */
    return NULL;
}

int main(void)
{
    pthread_t worker;

    sem_init(&g_job_started, 0, 0);
    signal(SIGALRM, on_job_timeout);
    pthread_create(&worker, NULL, long_job, NULL);
    sem_wait(&g_job_started);
    pthread_kill(worker, SIGALRM);
    pthread_join(worker, NULL);
    puts("job stopped");
    return 0;
}
