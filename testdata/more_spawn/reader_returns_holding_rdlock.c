// The stats reader takes the read lock and returns without dropping it; main releases the
// read lock after joining the reader.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

static pthread_rwlock_t g_stats_rw = PTHREAD_RWLOCK_INITIALIZER;
static long g_requests = 900, g_errors = 12;

static void *stats_reader(void *arg)
{
    double *ratio = arg;

    pthread_rwlock_rdlock(&g_stats_rw);
    *ratio = (double)g_errors / (double)g_requests;
    return NULL;
}

int main(void)
{
    pthread_t tid;
    double ratio = 0;

    if (pthread_create(&tid, NULL, stats_reader, &ratio) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("error ratio %.3f\n", ratio);
    pthread_rwlock_unlock(&g_stats_rw); // expect: cross-task-exit
    return 0;
}
