// A global mutex locked in main is unlocked by the worker thread that main spawned.
// helgrind: "Thread #2 unlocked lock at ... currently held by thread #1"
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_config_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_config_version;

static void *reload_worker(void *arg)
{
    (void)arg;
    g_config_version++;
    pthread_mutex_unlock(&g_config_mu); // expect: cross-task-exit {{'g_config_mu'}}
    return NULL;
}

int main(void)
{
    pthread_t tid;

    pthread_mutex_lock(&g_config_mu); // expect-note: {{locked here}}
    if (pthread_create(&tid, NULL, reload_worker, NULL) != 0) // expect-note: {{starts here}}
        return 1;
    pthread_join(tid, NULL);
    printf("config version %d\n", g_config_version);
    return 0;
}
