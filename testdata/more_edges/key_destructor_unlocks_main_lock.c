// Main locks the schema and starts a migration thread that stores the schema's lock as its
// thread-specific value; when the migration thread exits, the key destructor unlocks the
// schema in the migration thread, which never locked it.
#include <pthread.h>
#include <stdio.h>

struct schema {
    pthread_mutex_t mu;
    int version;
};

static pthread_key_t g_release_key;

static void release_on_exit(void *value)
{
    struct schema *sc = value;

    pthread_mutex_unlock(&sc->mu); // expect: cross-task-exit
}

static void *migration_thread(void *arg)
{
    struct schema *sc = arg;

    pthread_setspecific(g_release_key, sc);
    sc->version++;
    return NULL;
}

int main(void)
{
    struct schema sc = {.version = 4};
    pthread_t tid;

    pthread_mutex_init(&sc.mu, NULL);
    pthread_key_create(&g_release_key, release_on_exit);
    pthread_mutex_lock(&sc.mu);
    if (pthread_create(&tid, NULL, migration_thread, &sc) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("schema v%d\n", sc.version);
    return 0;
}
