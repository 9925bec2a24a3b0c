// Two-level spawn: main locks the catalog and starts a manager thread, which starts the
// actual indexer thread with the same catalog; the indexer unlocks main's lock.
#include <pthread.h>
#include <stdio.h>

struct catalog {
    pthread_mutex_t mu;
    int nitems;
};

static void *indexer_main(void *arg)
{
    struct catalog *cat = arg;

    cat->nitems *= 2;
    pthread_mutex_unlock(&cat->mu); // expect: cross-task-exit
    return NULL;
}

static void *manager_main(void *arg)
{
    struct catalog *cat = arg;
    pthread_t indexer;

    if (pthread_create(&indexer, NULL, indexer_main, cat) != 0)
        return NULL;
    pthread_join(indexer, NULL);
    return NULL;
}

int main(void)
{
    struct catalog cat = {.nitems = 21};
    pthread_t manager;

    pthread_mutex_init(&cat.mu, NULL);
    pthread_mutex_lock(&cat.mu);
    if (pthread_create(&manager, NULL, manager_main, &cat) != 0)
        return 1;
    pthread_join(manager, NULL);
    printf("catalog has %d items\n", cat.nitems);
    pthread_mutex_destroy(&cat.mu);
    return 0;
}
