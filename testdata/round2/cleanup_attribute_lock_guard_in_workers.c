// A scoped lock guard built on __attribute__((cleanup)): LOCK_GUARD(m) locks m and unlocks it
// automatically when the guard variable goes out of scope, in the same thread.
#include <pthread.h>
#include <stdio.h>

static inline void unlock_guard(pthread_mutex_t **m)
{
    if (*m)
        pthread_mutex_unlock(*m);
}

#define LOCK_GUARD(m)                                                                        \
    pthread_mutex_t *guard_##m __attribute__((cleanup(unlock_guard), unused)) =             \
        (pthread_mutex_lock(&(m)), &(m))

static pthread_mutex_t inventory = PTHREAD_MUTEX_INITIALIZER;
static int stock = 100;

static int take(int n)
{
    LOCK_GUARD(inventory);
    if (stock < n)
        return -1;
    stock -= n;
    return stock;
}

static void *shopper(void *arg)
{
    int n = *(int *)arg;

    for (int i = 0; i < 5; i++)
        take(n);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    int amounts[2] = {3, 4};

    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, shopper, &amounts[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    {
        LOCK_GUARD(inventory);
        printf("stock left: %d\n", stock);
    }
    return 0;
}
