// Main starts a manager, which starts an indexer; the indexer locks and unlocks the catalog
// itself. Main locked the catalog too, but released it before spawning anything.
#include <pthread.h>
#include <stdio.h>

struct catalog {
    pthread_mutex_t mu;
    int nitems;
};

static void *indexer_main(void *arg)
{
    struct catalog *cat = arg;

    pthread_mutex_lock(&cat->mu);
    cat->nitems *= 2;
    pthread_mutex_unlock(&cat->mu);
    return NULL;
}

static void *manager_main(void *arg)
{
    pthread_t indexer;

    if (pthread_create(&indexer, NULL, indexer_main, arg) != 0)
        return NULL;
    pthread_join(indexer, NULL);
    return NULL;
}

int main(void)
{
    struct catalog cat = {.nitems = 0};
    pthread_t manager;

    pthread_mutex_init(&cat.mu, NULL);
    pthread_mutex_lock(&cat.mu);
    cat.nitems = 21;
    pthread_mutex_unlock(&cat.mu);
    if (pthread_create(&manager, NULL, manager_main, &cat) != 0)
        return 1;
    pthread_join(manager, NULL);
    printf("catalog has %d items\n", cat.nitems);
    pthread_mutex_destroy(&cat.mu);
    return 0;
}
