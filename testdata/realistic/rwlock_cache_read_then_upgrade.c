// A read-mostly DNS cache: lookups take the read lock; on a miss they drop it, take the write
// lock, insert, and drop that. Workers and main all follow the same discipline, so every
// unlock is of a lock the same thread holds.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define CACHE_SLOTS 8

struct dns_cache {
    pthread_rwlock_t rw;
    char names[CACHE_SLOTS][32];
    unsigned addrs[CACHE_SLOTS];
    int n;
};

static struct dns_cache g_cache = {.rw = PTHREAD_RWLOCK_INITIALIZER};

static unsigned resolve(const char *name)
{
    unsigned addr = 0;

    pthread_rwlock_rdlock(&g_cache.rw);
    for (int i = 0; i < g_cache.n; i++) {
        if (strcmp(g_cache.names[i], name) == 0) {
            addr = g_cache.addrs[i];
            pthread_rwlock_unlock(&g_cache.rw);
            return addr;
        }
    }
    pthread_rwlock_unlock(&g_cache.rw);

    addr = (unsigned)strlen(name) * 16777619u;
    pthread_rwlock_wrlock(&g_cache.rw);
    if (g_cache.n < CACHE_SLOTS) {
        snprintf(g_cache.names[g_cache.n], sizeof(g_cache.names[0]), "%s", name);
        g_cache.addrs[g_cache.n++] = addr;
    }
    pthread_rwlock_unlock(&g_cache.rw);
    return addr;
}

static void *resolver_thread(void *arg)
{
    const char *const *names = arg;

    for (int i = 0; names[i]; i++)
        resolve(names[i]);
    return NULL;
}

int main(void)
{
    static const char *const names[] = {"example.org", "example.net", "example.org", NULL};
    pthread_t tids[2];

    for (int i = 0; i < 2; i++)
        pthread_create(&tids[i], NULL, resolver_thread, (void *)names);
    printf("example.com -> %u\n", resolve("example.com"));
    for (int i = 0; i < 2; i++)
        pthread_join(tids[i], NULL);
    printf("%d cached\n", g_cache.n);
    return 0;
}
