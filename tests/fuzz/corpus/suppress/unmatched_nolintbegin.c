// A begin without its end suppresses nothing (as in clang-tidy): the finding inside is
// reported, and so is the unmatched begin.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_backup_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_backup_done;

// NOLINTBEGIN(cross-task-exit) // expect: unused-suppression {{unmatched}}
static void *backup_worker(void *arg)
{
    (void)arg;
    g_backup_done = 1;
    pthread_mutex_unlock(&g_backup_mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t worker;

    pthread_mutex_lock(&g_backup_mu);
    if (pthread_create(&worker, NULL, backup_worker, NULL) != 0)
        return 1;
    pthread_join(worker, NULL);
    printf("backup done %d\n", g_backup_done);
    return 0;
}
