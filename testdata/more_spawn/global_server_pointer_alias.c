// Main locks its local server's mutex and publishes the server through a global pointer; the
// reaper thread reaches the same mutex through g_server and unlocks it.
#include <pthread.h>
#include <stdio.h>

struct server {
    pthread_mutex_t mu;
    int nclients;
};

static struct server *g_server;

static void *reaper_thread(void *arg)
{
    (void)arg;
    g_server->nclients = 0;
    pthread_mutex_unlock(&g_server->mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    struct server srv = {.nclients = 12};
    pthread_t tid;

    pthread_mutex_init(&srv.mu, NULL);
    pthread_mutex_lock(&srv.mu);
    g_server = &srv;
    if (pthread_create(&tid, NULL, reaper_thread, NULL) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%d clients\n", srv.nclients);
    return 0;
}
