// C11: main locks the shared stats mutex and gives each worker a context in an array; the
// context of worker 0 is marked as the "reporter", and only that worker unlocks the mutex.
// rules: posix c11
#include <stdbool.h>
#include <stdio.h>
#include <threads.h>

struct worker_ctx {
    int id;
    bool reporter;
    mtx_t *stats_mtx;
    long *stats;
};

static int stats_worker(void *arg)
{
    struct worker_ctx *ctx = arg;

    if (ctx->reporter) {
        printf("stats: %ld\n", *ctx->stats);
        mtx_unlock(ctx->stats_mtx); // expect: cross-task-exit
    }
    return ctx->id;
}

int main(void)
{
    mtx_t stats_mtx;
    long stats = 99;
    struct worker_ctx ctx[3];
    thrd_t t[3];

    mtx_init(&stats_mtx, mtx_plain);
    mtx_lock(&stats_mtx);
    for (int i = 0; i < 3; i++) {
        ctx[i] = (struct worker_ctx){i, i == 0, &stats_mtx, &stats};
        thrd_create(&t[i], stats_worker, &ctx[i]);
    }
    for (int i = 0; i < 3; i++)
        thrd_join(t[i], NULL);
    return 0;
}
