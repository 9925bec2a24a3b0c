// A portability layer keeps the lock functions themselves in a table of function pointers
// (pthread_mutex_lock / pthread_mutex_unlock). Each thread locks and unlocks through the
// table around its own critical section.
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

    reg->api->lock(&reg->mu);
    reg->nentries++;
    reg->api->unlock(&reg->mu);
    return NULL;
}

int main(void)
{
    struct registry reg = {.api = &posix_lock_api, .nentries = 0};
    pthread_t tid;

    pthread_mutex_init(&reg.mu, NULL);
    if (pthread_create(&tid, NULL, register_thread, &reg) != 0)
        return 1;
    reg.api->lock(&reg.mu);
    reg.nentries++;
    reg.api->unlock(&reg.mu);
    pthread_join(tid, NULL);
    printf("%d entries\n", reg.nentries);
    return 0;
}
