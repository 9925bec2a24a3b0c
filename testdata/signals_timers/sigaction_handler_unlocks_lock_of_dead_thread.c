// A log rotator: a worker thread takes the log lock to rotate and returns still holding it,
// and the SIGHUP handler installed with sigaction (SA_SIGINFO) releases it when the signal
// arrives, in the main thread that raise()s it: a mutex locked by one thread, unlocked by
// another (helgrind: "Thread #1 unlocked lock ... currently held by thread #2").
// flags: -std=gnu11 -pthread
// rules: posix libc
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t g_log_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_rotations;

static void on_hangup(int sig, siginfo_t *info, void *uctx)
{
    (void)sig;
    (void)info;
    (void)uctx;
    pthread_mutex_unlock(&g_log_mu); // expect: cross-task-exit {{pthread mutex 'g_log_mu' is unlocked in thread 'on_hangup' but was locked in thread 'rotate_log'}}
}

static void *rotate_log(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_log_mu);
    g_rotations++;
    return NULL;
}

int main(void)
{
    struct sigaction sa;
    pthread_t tid;

    pthread_create(&tid, NULL, rotate_log, NULL);
    pthread_join(tid, NULL);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_hangup;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, NULL);
    raise(SIGHUP);
    printf("%d rotations\n", g_rotations);
    return 0;
}
