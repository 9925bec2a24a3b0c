// The reporter waits up to a second for the metrics lock with pthread_mutex_timedlock and
// checks only for ETIMEDOUT before unlocking. Main holds the lock briefly and unlocks it.
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t g_metrics_mu = PTHREAD_MUTEX_INITIALIZER;
static long g_metrics_total;

static void *reporter_thread(void *arg)
{
    struct timespec deadline;

    (void)arg;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 1;
    if (pthread_mutex_timedlock(&g_metrics_mu, &deadline) == ETIMEDOUT) {
        fprintf(stderr, "metrics busy\n");
        return NULL;
    }
    printf("total %ld\n", g_metrics_total);
    pthread_mutex_unlock(&g_metrics_mu);
    return NULL;
}

int main(void)
{
    pthread_t tid;

    pthread_mutex_lock(&g_metrics_mu);
    if (pthread_create(&tid, NULL, reporter_thread, NULL) != 0)
        return 1;
    g_metrics_total = 1234;
    pthread_mutex_unlock(&g_metrics_mu);
    pthread_join(tid, NULL);
    return 0;
}
