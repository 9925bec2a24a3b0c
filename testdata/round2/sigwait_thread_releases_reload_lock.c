// Config reload: main takes the config lock and raises SIGHUP; the sigwait thread reloads the
// configuration and "finishes the reload" by unlocking the lock that main took.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;
static int config_generation;

static void finish_reload(void)
{
    config_generation++;
    pthread_mutex_unlock(&config_lock); // expect: cross-task-exit
}

static void *sighup_thread(void *arg)
{
    sigset_t *set = arg;
    int sig = 0;

    while (sig != SIGHUP)
        sigwait(set, &sig);
    finish_reload();
    return NULL;
}

int main(void)
{
    sigset_t set;
    pthread_t tid;

    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    pthread_create(&tid, NULL, sighup_thread, &set);

    pthread_mutex_lock(&config_lock); /* reload in progress */
    pthread_kill(tid, SIGHUP);
    pthread_join(tid, NULL);
    printf("config generation %d\n", config_generation);
    return 0;
}
