// A suppression for a clang-tidy check on the unlock line does not touch crosstask's
// finding there, and crosstask does not report it as unused either: it is clang-tidy's.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long g_requests;

static void *stats_reporter(void *arg)
{
    (void)arg;
    printf("requests %ld\n", g_requests);
    pthread_mutex_unlock(&g_stats_mu); // NOLINT(cert-err33-c) // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t reporter;

    pthread_mutex_lock(&g_stats_mu);
    g_requests = 42;
    if (pthread_create(&reporter, NULL, stats_reporter, NULL) != 0)
        return 1;
    pthread_join(reporter, NULL);
    return 0;
}
