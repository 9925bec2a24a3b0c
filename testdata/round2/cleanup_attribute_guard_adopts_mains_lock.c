// A worker "adopts" a lock main already holds into a cleanup-attribute guard, so the unlock
// runs implicitly in the worker when the guard goes out of scope.
#include <pthread.h>
#include <stdio.h>

static void unlock_guard(pthread_mutex_t **m)
{
    pthread_mutex_unlock(*m); // expect-fixme: cross-task-exit {{the cleanup call at scope exit is lowered, but an unlock through *m of a local that holds &config_mu is not followed (an explicit unlock_guard(&adopted) is missed too)}}
}

static pthread_mutex_t config_mu = PTHREAD_MUTEX_INITIALIZER;
static int config_value;

static void *apply_config(void *arg)
{
    (void)arg;
    pthread_mutex_t *adopted __attribute__((cleanup(unlock_guard), unused)) = &config_mu;
    config_value *= 2;
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_mutex_lock(&config_mu);
    config_value = 21;
    pthread_create(&t, NULL, apply_config, NULL);
    pthread_join(t, NULL);
    printf("config %d\n", config_value);
    return 0;
}
