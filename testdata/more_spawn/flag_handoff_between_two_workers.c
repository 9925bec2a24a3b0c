// Two workers hand a lock over through a global flag: the loader locks g_db_mu and raises
// g_db_loaded; the server thread waits for the flag and unlocks g_db_mu.
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>

static pthread_mutex_t g_db_mu = PTHREAD_MUTEX_INITIALIZER;
static atomic_int g_db_loaded;
static int g_db_rows;

static void *loader_thread(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_db_mu);
    g_db_rows = 500;
    atomic_store(&g_db_loaded, 1);
    return NULL;
}

static void *server_thread(void *arg)
{
    (void)arg;
    while (!atomic_load(&g_db_loaded))
        sched_yield();
    printf("serving %d rows\n", g_db_rows);
    pthread_mutex_unlock(&g_db_mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t loader, server;

    if (pthread_create(&server, NULL, server_thread, NULL) != 0)
        return 1;
    if (pthread_create(&loader, NULL, loader_thread, NULL) != 0)
        return 1;
    pthread_join(loader, NULL);
    pthread_join(server, NULL);
    return 0;
}
