// The registry lock is a function-local static returned by registry_lock(). Main locks it
// through the accessor and the publisher thread unlocks it through the same accessor.
#include <pthread.h>
#include <stdio.h>

static int g_registry_size;

static pthread_mutex_t *registry_lock(void)
{
    static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

    return &mu;
}

static void *publisher_thread(void *arg)
{
    int n = *(int *)arg;

    g_registry_size += n;
    pthread_mutex_unlock(registry_lock()); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t tid;
    int n = 3;

    pthread_mutex_lock(registry_lock());
    if (pthread_create(&tid, NULL, publisher_thread, &n) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("registry size %d\n", g_registry_size);
    return 0;
}
