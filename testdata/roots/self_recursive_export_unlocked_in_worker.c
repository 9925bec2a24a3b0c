// index_rebuild is exported, found with dlsym, and calls itself for each level: a function that
// only calls itself is still uncalled, and the root of its own task. At the top level it takes
// the index lock and starts a flusher thread that releases it.
// helgrind: "unlocked lock ... currently held by thread #1"
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_index_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_levels;

static void *index_flusher(void *arg)
{
    (void)arg;
    pthread_mutex_unlock(&g_index_mu); // expect: cross-task-exit {{'g_index_mu'}}
    return NULL;
}

int index_rebuild(int depth)
{
    pthread_t tid;

    if (depth > 0) {
        g_levels++;
        return index_rebuild(depth - 1);
    }
    pthread_mutex_lock(&g_index_mu);
    if (pthread_create(&tid, NULL, index_flusher, NULL) != 0)
        return -1;
    return pthread_join(tid, NULL);
}

int main(void)
{
    void *self = dlopen(NULL, RTLD_NOW);
    int (*rebuild)(int);

    if (!self)
        return 1;
    *(void **)&rebuild = dlsym(self, "index_rebuild");
    if (rebuild && rebuild(3) == 0)
        printf("%d levels\n", g_levels);
    dlclose(self);
    return 0;
}
