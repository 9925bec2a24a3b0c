// A SYNCHRONIZED(m) macro built on a for loop: the lock is taken in the init clause and
// released in the increment clause, so the body runs with the lock held. Both the worker and
// main use it; every unlock is in the locking thread.
#include <pthread.h>
#include <stdio.h>

#define SYNCHRONIZED(m) \
    for (int once_ = (pthread_mutex_lock(m), 1); once_; once_ = (pthread_mutex_unlock(m), 0))

static pthread_mutex_t g_counter_mu = PTHREAD_MUTEX_INITIALIZER;
static long g_counter;

static void *counter_thread(void *arg)
{
    int n = *(int *)arg;

    for (int i = 0; i < n; i++) {
        SYNCHRONIZED(&g_counter_mu) {
            g_counter++;
        }
    }
    return NULL;
}

int main(void)
{
    pthread_t tid;
    int n = 1000;

    if (pthread_create(&tid, NULL, counter_thread, &n) != 0)
        return 1;
    SYNCHRONIZED(&g_counter_mu) {
        g_counter += 5;
    }
    pthread_join(tid, NULL);
    SYNCHRONIZED(&g_counter_mu) {
        printf("counter %ld\n", g_counter);
    }
    return 0;
}
