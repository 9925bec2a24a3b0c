// The finding is located at the exit (the worker's unlock), not at the enter: a suppression
// on main's lock line suppresses nothing, so both are reported.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_table_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_table_rows;

static void *table_loader(void *arg)
{
    (void)arg;
    g_table_rows = 100;
    pthread_mutex_unlock(&g_table_mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t loader;

    pthread_mutex_lock(&g_table_mu); // NOLINT(cross-task-exit) // expect: unused-suppression
    if (pthread_create(&loader, NULL, table_loader, NULL) != 0)
        return 1;
    pthread_join(loader, NULL);
    printf("rows %d\n", g_table_rows);
    return 0;
}
