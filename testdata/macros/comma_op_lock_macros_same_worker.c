// TAKE_AND_COUNT and RELEASE_AND_COUNT are comma expressions that lock or unlock and count; the
// reporter thread and main each take and release the report lock with them.
#include <pthread.h>
#include <stdio.h>

#define TAKE_AND_COUNT(m, n) (pthread_mutex_lock(m), ++(n))
#define RELEASE_AND_COUNT(m, n) (pthread_mutex_unlock(m), ++(n))

static pthread_mutex_t g_report_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_takes, g_releases;

static void *reporter_thread(void *arg)
{
    (void)arg;
    while (TAKE_AND_COUNT(&g_report_mu, g_takes) < 3)
        RELEASE_AND_COUNT(&g_report_mu, g_releases);
    RELEASE_AND_COUNT(&g_report_mu, g_releases);
    return NULL;
}

int main(void)
{
    pthread_t tid;

    if (pthread_create(&tid, NULL, reporter_thread, NULL) != 0)
        return 1;
    pthread_join(tid, NULL);
    TAKE_AND_COUNT(&g_report_mu, g_takes);
    printf("%d takes, %d releases\n", g_takes, g_releases);
    RELEASE_AND_COUNT(&g_report_mu, g_releases);
    return 0;
}
