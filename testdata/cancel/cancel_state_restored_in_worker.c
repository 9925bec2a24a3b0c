// Main disables cancellation, saving the old state in the context, and the journal thread
// restores it: the cancel state main changed is restored in a different thread.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct flush_ctx {
    int old_state;
    int nflushed;
};

static void *journal_flusher(void *arg)
{
    struct flush_ctx *ctx = arg;

    ctx->nflushed = 16;
    pthread_setcancelstate(ctx->old_state, NULL); // expect: cross-task-exit {{cancel state}}
    return NULL;
}

int main(void)
{
    struct flush_ctx *ctx = calloc(1, sizeof(*ctx));
    pthread_t tid;

    if (!ctx)
        return 1;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &ctx->old_state);
    if (pthread_create(&tid, NULL, journal_flusher, ctx) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("flushed %d records\n", ctx->nflushed);
    free(ctx);
    return 0;
}
