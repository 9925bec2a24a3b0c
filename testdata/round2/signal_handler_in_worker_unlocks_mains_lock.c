// Test-style program: a SIGUSR1 handler installed with signal() releases the state lock. main
// holds the lock and sends SIGUSR1 to a worker thread with pthread_kill, so the handler, and
// its unlock, runs in the worker.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>

static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static sem_t handled, ready;

static void on_usr1(int sig)
{
    (void)sig;
    pthread_mutex_unlock(&state_lock); // expect: cross-task-exit {{unlocked in thread 'idle_worker' but was locked in thread 'main'}}
    sem_post(&handled);
}

static void *idle_worker(void *arg)
{
    (void)arg;
    sem_post(&ready);
    while (sem_wait(&handled) != 0)
        ; /* interrupted by the signal: retry */
    return NULL;
}

int main(void)
{
    pthread_t w;

    sem_init(&handled, 0, 0);
    sem_init(&ready, 0, 0);
    signal(SIGUSR1, on_usr1);
    pthread_mutex_lock(&state_lock);
    pthread_create(&w, NULL, idle_worker, NULL);
    sem_wait(&ready);
    pthread_kill(w, SIGUSR1);
    pthread_join(w, NULL);
    puts("done");
    return 0;
}
