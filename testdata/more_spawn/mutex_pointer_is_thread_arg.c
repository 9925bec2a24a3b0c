// Main locks the config mutex and hands the pthread_mutex_t * itself to the reloader as its
// void * argument; the reloader casts it back and unlocks a lock it never took.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_config_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_config_generation;

static void *config_reloader(void *arg)
{
    pthread_mutex_t *mu = (pthread_mutex_t *)arg;

    g_config_generation++;
    pthread_mutex_unlock(mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t tid;

    pthread_mutex_lock(&g_config_mu);
    if (pthread_create(&tid, NULL, config_reloader, &g_config_mu) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("config generation %d\n", g_config_generation);
    return 0;
}
