// Readers take and release the read lock in their own threads; main writes under the write lock.
// flags: -std=gnu11 -pthread
// rules: posix libuv
#include <stdio.h>
#include <uv.h>

struct config {
    uv_rwlock_t lock;
    int port;
};

static void reader_main(void *arg)
{
    struct config *cfg = arg;

    uv_rwlock_rdlock(&cfg->lock);
    printf("port %d\n", cfg->port);
    uv_rwlock_rdunlock(&cfg->lock);
}

int main(void)
{
    struct config cfg = {.port = 8080};
    uv_thread_t readers[2];

    if (uv_rwlock_init(&cfg.lock) != 0)
        return 1;
    for (int i = 0; i < 2; i++)
        uv_thread_create(&readers[i], reader_main, &cfg);
    uv_rwlock_wrlock(&cfg.lock);
    cfg.port = 8443;
    uv_rwlock_wrunlock(&cfg.lock);
    for (int i = 0; i < 2; i++)
        uv_thread_join(&readers[i]);
    uv_rwlock_destroy(&cfg.lock);
    return 0;
}
