// Main switches its per-thread locale to "C" for number formatting and saves the previous one
// in the context; the report thread restores it, in the wrong thread.
#define _POSIX_C_SOURCE 200809L
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct format_ctx {
    locale_t loc;
    locale_t saved;
    char buf[64];
};

static void *report_worker(void *arg)
{
    struct format_ctx *ctx = arg;

    snprintf(ctx->buf, sizeof(ctx->buf), "%.2f", 3.25);
    uselocale(ctx->saved); // expect: cross-task-exit {{per-thread locale}}
    return NULL;
}

int main(void)
{
    struct format_ctx *ctx = calloc(1, sizeof(*ctx));
    pthread_t tid;

    if (!ctx)
        return 1;
    ctx->loc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (ctx->loc == (locale_t)0)
        return 1;
    ctx->saved = uselocale(ctx->loc);
    if (pthread_create(&tid, NULL, report_worker, ctx) != 0)
        return 1;
    pthread_join(tid, NULL);
    uselocale(LC_GLOBAL_LOCALE);
    freelocale(ctx->loc);
    printf("%s\n", ctx->buf);
    free(ctx);
    return 0;
}
