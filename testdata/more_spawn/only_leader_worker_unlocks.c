// Three workers share a barrier-like startup: main holds the start lock, and worker 0 (the
// leader) unlocks it once everyone is running. Only the leader's unlock runs, in a thread
// that never locked.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_start_mu = PTHREAD_MUTEX_INITIALIZER;

struct worker {
    int id;
    pthread_t tid;
};

static void *worker_main(void *arg)
{
    struct worker *w = arg;

    if (w->id == 0)
        pthread_mutex_unlock(&g_start_mu); // expect: cross-task-exit
    printf("worker %d running\n", w->id);
    return NULL;
}

int main(void)
{
    struct worker workers[3];

    pthread_mutex_lock(&g_start_mu);
    for (int i = 0; i < 3; i++) {
        workers[i].id = i;
        pthread_create(&workers[i].tid, NULL, worker_main, &workers[i]);
    }
    for (int i = 0; i < 3; i++)
        pthread_join(workers[i].tid, NULL);
    return 0;
}
