// A portability layer keeps pthread_mutex_lock / pthread_mutex_unlock themselves in a table
// of function pointers. Main locks the registry through reg->api->lock and the worker
// unlocks it through reg->api->unlock.
#include <pthread.h>
#include <stdio.h>

struct lock_api {
    int (*lock)(pthread_mutex_t *mu);
    int (*unlock)(pthread_mutex_t *mu);
};

static const struct lock_api posix_lock_api = {
    .lock = pthread_mutex_lock,
    .unlock = pthread_mutex_unlock,
};

struct registry {
    pthread_mutex_t mu;
    const struct lock_api *api;
    int nentries;
};

static void *register_thread(void *arg)
{
    struct registry *reg = arg;

    reg->nentries++;
    reg->api->unlock(&reg->mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    struct registry reg = {.api = &posix_lock_api, .nentries = 0};
    pthread_t tid;

    pthread_mutex_init(&reg.mu, NULL);
    reg.api->lock(&reg.mu);
    if (pthread_create(&tid, NULL, register_thread, &reg) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%d entries\n", reg.nentries);
    return 0;
}
