// RELEASE_AND_COUNT(m, n) is a comma expression that unlocks and counts the release; the
// reporter thread uses it on the report lock that main took.
// helgrind: "unlocked lock ... currently held by thread #1"
#include <pthread.h>
#include <stdio.h>

#define RELEASE_AND_COUNT(m, n) (pthread_mutex_unlock(m), ++(n))

static pthread_mutex_t g_report_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_releases;

static void *reporter_thread(void *arg)
{
    (void)arg;
    if (RELEASE_AND_COUNT(&g_report_mu, g_releases) > 100) // expect: cross-task-exit {{'g_report_mu'}}
        g_releases = 0;
    return NULL;
}

int main(void)
{
    pthread_t tid;

    pthread_mutex_lock(&g_report_mu);
    if (pthread_create(&tid, NULL, reporter_thread, NULL) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%d releases\n", g_releases);
    return 0;
}
