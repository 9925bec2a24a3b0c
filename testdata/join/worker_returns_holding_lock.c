// The index builder locks the index and returns still holding it; main unlocks it after the
// join: the unlock in main exits a scope the worker entered.
// helgrind: "Exiting thread still holds 1 lock" and "Thread #1 unlocked lock ... held by thread #2"
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_index_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_index_entries;

static void *index_builder(void *arg)
{
    int n = *(const int *)arg;

    pthread_mutex_lock(&g_index_mu); // expect-note: {{locked here}}
    for (int i = 0; i < n; i++)
        g_index_entries++;
    return NULL;
}

int main(void)
{
    pthread_t tid;
    int n = 64;

    if (pthread_create(&tid, NULL, index_builder, &n) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("index has %d entries\n", g_index_entries);
    pthread_mutex_unlock(&g_index_mu); // expect: cross-task-exit {{unlocked in thread 'main'}}
    return 0;
}
