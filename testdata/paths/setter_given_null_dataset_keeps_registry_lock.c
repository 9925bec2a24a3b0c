// One setter serves two stores: keyed data attached to an object (a datalist: no global lock)
// and data attached to any address (a dataset: under the registry's global lock, which the
// setter drops around the old value's destroy function, only when it has a dataset). The
// indexer thread sets datalist entries, passing NULL for the dataset: it never touches the
// registry lock that main takes around its dataset updates.
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
            pthread_mutex_unlock(&registry_lock);
        old.destroy(old.data);
        if (dataset)
            pthread_mutex_lock(&registry_lock);
    }
}

static void dataset_set(struct dataset *ds, void *data, destroy_fn destroy)
{
    pthread_mutex_lock(&registry_lock);
    entry_set_internal(&ds->entry, data, destroy, ds);
    pthread_mutex_unlock(&registry_lock);
}

static void datalist_set(struct entry *e, void *data, destroy_fn destroy)
{
    entry_set_internal(e, data, destroy, NULL);
}

static void *indexer(void *arg)
{
    struct entry *terms = arg;
    for (int i = 0; i < 8; i++)
        datalist_set(terms, malloc(32), free);
    datalist_set(terms, NULL, NULL);
    return NULL;
}

int main(void)
{
    static struct entry terms;
    static struct dataset config = {"config", {NULL, NULL}};
    pthread_t tid;

    if (pthread_create(&tid, NULL, indexer, &terms) != 0)
        return 1;
    for (int i = 0; i < 8; i++)
        dataset_set(&config, malloc(16), free);
    dataset_set(&config, NULL, NULL);
    pthread_join(tid, NULL);
    puts("done");
    return 0;
}
