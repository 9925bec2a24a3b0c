// The same setter, which drops the registry's global lock around the old value's destroy
// function when it is given a dataset. Main takes the registry lock and starts the loader
// thread to fill the configuration dataset under it; the loader calls the setter with the
// dataset, so the setter unlocks the registry lock main holds, from the loader thread.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

typedef void (*destroy_fn)(void *data);

struct entry {
    void *data;
    destroy_fn destroy;
};

struct dataset {
    const void *location;
    struct entry entry;
};

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

/* Called with registry_lock held when DATASET is not NULL. */
static void entry_set_internal(struct entry *e, void *data, destroy_fn destroy,
                               struct dataset *dataset)
{
    struct entry old = *e;
    e->data = data;
    e->destroy = destroy;
    if (old.destroy) {
        if (dataset)
            pthread_mutex_unlock(&registry_lock); // expect: cross-task-exit
        old.destroy(old.data);
        if (dataset)
            pthread_mutex_lock(&registry_lock);
    }
}

static void datalist_set(struct entry *e, void *data, destroy_fn destroy)
{
    entry_set_internal(e, data, destroy, NULL);
}

static struct dataset config = {"config", {NULL, NULL}};

static void *loader(void *arg)
{
    struct entry *terms = arg;
    datalist_set(terms, malloc(32), free);
    entry_set_internal(&config.entry, malloc(16), free, &config);
    entry_set_internal(&config.entry, malloc(16), free, &config);
    return NULL;
}

int main(void)
{
    static struct entry terms;
    pthread_t tid;

    pthread_mutex_lock(&registry_lock);
    if (pthread_create(&tid, NULL, loader, &terms) != 0)
        return 1;
    pthread_join(tid, NULL);
    datalist_set(&terms, NULL, NULL);
    puts("done");
    return 0;
}
