// An end closes a begin only when both carry the same list, as in clang-tidy: here they
// differ, so neither is matched, nothing in between is suppressed, and both are reported.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_archive_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_archived;

// NOLINTBEGIN(cross-task-exit) // expect: unused-suppression {{unmatched}}
static void *archiver_main(void *arg)
{
    (void)arg;
    g_archived = 1;
    pthread_mutex_unlock(&g_archive_mu); // expect: cross-task-exit
    return NULL;
}
// NOLINTEND(cross-task-*) // expect: unused-suppression {{innermost open}}

int main(void)
{
    pthread_t archiver;

    pthread_mutex_lock(&g_archive_mu);
    if (pthread_create(&archiver, NULL, archiver_main, NULL) != 0)
        return 1;
    pthread_join(archiver, NULL);
    printf("archived %d\n", g_archived);
    return 0;
}
