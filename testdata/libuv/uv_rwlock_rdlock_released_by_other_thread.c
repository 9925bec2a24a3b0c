// main takes the config read lock and a refresher thread releases it with uv_rwlock_rdunlock.
// flags: -std=gnu11 -pthread
// rules: posix libuv
#include <stdio.h>
#include <uv.h>

struct config {
    uv_rwlock_t lock;
    int port;
};

static void refresher_main(void *arg)
{
    struct config *cfg = arg;

    printf("port %d\n", cfg->port);
    uv_rwlock_rdunlock(&cfg->lock); // expect: cross-task-exit {{uv rwlock 'cfg->lock'}}
}

int main(void)
{
    struct config cfg = {.port = 8080};
    uv_thread_t refresher;

    if (uv_rwlock_init(&cfg.lock) != 0)
        return 1;
    uv_rwlock_rdlock(&cfg.lock);
    uv_thread_create(&refresher, refresher_main, &cfg);
    uv_thread_join(&refresher);
    uv_rwlock_destroy(&cfg.lock);
    return 0;
}
