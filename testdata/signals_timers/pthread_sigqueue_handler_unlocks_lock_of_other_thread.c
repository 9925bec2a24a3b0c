#define _GNU_SOURCE
// A metrics exporter: the collector thread takes the stats lock to start a snapshot and hands
// the rest to the exporter thread, which main wakes with pthread_sigqueue(SIGUSR2); the handler
// releases the stats lock. It runs in the exporter thread, which never locked it; the collector
// did (helgrind: "unlocked lock ... currently held by thread #2").
// flags: -std=gnu11 -pthread
// rules: posix libc
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t g_stats_mu = PTHREAD_MUTEX_INITIALIZER;
static sem_t g_exporter_ready, g_exported;
static long g_requests;

static void on_export(int sig, siginfo_t *info, void *uctx)
{
    (void)sig;
    (void)uctx;
    printf("exporting %ld requests (batch %d)\n", g_requests, info->si_value.sival_int);
    pthread_mutex_unlock(&g_stats_mu); // expect: cross-task-exit {{pthread mutex 'g_stats_mu' is unlocked in thread 'export_stats' but was locked in thread 'collect_stats'}}
    sem_post(&g_exported);
}

static void *collect_stats(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_stats_mu);
    g_requests += 42;
    return NULL; /* the snapshot is finished by the exporter */
}

static void *export_stats(void *arg)
{
    (void)arg;
    sem_post(&g_exporter_ready);
    while (sem_wait(&g_exported) != 0)
        ;
    return NULL;
}

int main(void)
{
    struct sigaction sa;
    pthread_t collector, exporter;
    union sigval batch = {.sival_int = 7};

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_export;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR2, &sa, NULL);
    pthread_create(&collector, NULL, collect_stats, NULL);
    pthread_join(collector, NULL);
    pthread_create(&exporter, NULL, export_stats, NULL);
    sem_wait(&g_exporter_ready);
    pthread_sigqueue(exporter, SIGUSR2, batch);
    pthread_join(exporter, NULL);
    return 0;
}
