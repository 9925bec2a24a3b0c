// A worker registers a cleanup handler that releases the table lock, then leaves with
// pthread_exit(), which runs the handler in the worker. The lock was taken by main, so the
// handler's unlock happens in a thread that does not own it.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static int rows;

static void release_table(void *arg)
{
    pthread_mutex_t *m = arg;
    pthread_mutex_unlock(m); // expect: cross-task-exit
}

static void *importer(void *arg)
{
    (void)arg;
    pthread_cleanup_push(release_table, &table_lock);
    rows += 10;
    if (rows > 5)
        pthread_exit(NULL); /* runs release_table */
    pthread_cleanup_pop(0);
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_mutex_lock(&table_lock);
    pthread_create(&t, NULL, importer, NULL);
    pthread_join(t, NULL);
    printf("%d rows imported\n", rows);
    return 0;
}
