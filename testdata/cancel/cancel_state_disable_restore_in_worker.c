// The journal thread disables cancellation around its critical flush and restores the old
// state itself.
#include <pthread.h>
#include <stdio.h>

struct flush_ctx {
    int old_state;
    int nflushed;
};

static void *journal_sync_worker(void *arg)
{
    struct flush_ctx *ctx = arg;

    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &ctx->old_state);
    ctx->nflushed = 16;
    pthread_setcancelstate(ctx->old_state, NULL);
    return NULL;
}

int main(void)
{
    struct flush_ctx ctx = {.nflushed = 0};
    pthread_t tid;

    if (pthread_create(&tid, NULL, journal_sync_worker, &ctx) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("flushed %d records\n", ctx.nflushed);
    return 0;
}
