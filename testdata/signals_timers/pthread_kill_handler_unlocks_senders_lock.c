// A job runner interrupts a stuck worker: main takes the job-table lock, marks the job
// cancelled and sends SIGUSR1 to the worker with pthread_kill; the SIGUSR1 handler "finishes"
// the cancellation by releasing the job-table lock. The handler runs in the worker, not in main,
// so the worker unlocks a mutex main holds (helgrind: "Thread #2 unlocked lock at ... currently
// held by thread #1").
// flags: -std=gnu11 -pthread
// rules: posix libc
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>

static pthread_mutex_t g_jobs_mu = PTHREAD_MUTEX_INITIALIZER;
static sem_t g_worker_ready, g_cancel_done;
static int g_job_cancelled;

static void on_cancel_job(int sig)
{
    (void)sig;
    pthread_mutex_unlock(&g_jobs_mu); // expect: cross-task-exit {{pthread mutex 'g_jobs_mu' is unlocked in thread 'job_worker' but was locked in thread 'main'}}
    sem_post(&g_cancel_done);
}

static void *job_worker(void *arg)
{
    (void)arg;
    sem_post(&g_worker_ready);
    while (sem_wait(&g_cancel_done) != 0)
        ; /* interrupted by the signal: wait again */
    return NULL;
}

int main(void)
{
    pthread_t worker;

    sem_init(&g_worker_ready, 0, 0);
    sem_init(&g_cancel_done, 0, 0);
    signal(SIGUSR1, on_cancel_job);
    pthread_create(&worker, NULL, job_worker, NULL);
    sem_wait(&g_worker_ready);
    pthread_mutex_lock(&g_jobs_mu);
    g_job_cancelled = 1;
    pthread_kill(worker, SIGUSR1); // expect-note: {{'on_cancel_job' starts here in the thread the signal is sent to (pthread_kill)}}
    pthread_join(worker, NULL);
    printf("cancelled %d\n", g_job_cancelled);
    return 0;
}
