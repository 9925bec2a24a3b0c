// pthread_once lazy initialisation of a registry and its mutex; every thread registers itself
// under the registry lock after calling registry_get().
#include <pthread.h>
#include <stdio.h>

struct registry {
    pthread_mutex_t lock;
    int ids[8];
    int n;
};

static pthread_once_t registry_once = PTHREAD_ONCE_INIT;
static struct registry the_registry;

static void registry_init(void)
{
    pthread_mutex_init(&the_registry.lock, NULL);
    the_registry.n = 0;
}

static struct registry *registry_get(void)
{
    pthread_once(&registry_once, registry_init);
    return &the_registry;
}

static void *plugin_thread(void *arg)
{
    struct registry *r = registry_get();

    pthread_mutex_lock(&r->lock);
    r->ids[r->n++] = (int)(long)arg;
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

int main(void)
{
    pthread_t t[4];

    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, plugin_thread, (void *)i);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);

    struct registry *r = registry_get();
    pthread_mutex_lock(&r->lock);
    printf("%d plugins registered\n", r->n);
    pthread_mutex_unlock(&r->lock);
    return 0;
}
