// The report thread switches to the "C" locale and restores the one it saved, in the same
// thread.
#define _POSIX_C_SOURCE 200809L
#include <locale.h>
#include <pthread.h>
#include <stdio.h>

struct format_ctx {
    locale_t loc;
    locale_t saved;
    char buf[64];
};

static void *invoice_formatter(void *arg)
{
    struct format_ctx *ctx = arg;

    ctx->saved = uselocale(ctx->loc);
    snprintf(ctx->buf, sizeof(ctx->buf), "%.2f", 3.25);
    uselocale(ctx->saved);
    return NULL;
}

int main(void)
{
    struct format_ctx ctx;
    pthread_t tid;

    ctx.loc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (ctx.loc == (locale_t)0)
        return 1;
    if (pthread_create(&tid, NULL, invoice_formatter, &ctx) != 0)
        return 1;
    pthread_join(tid, NULL);
    freelocale(ctx.loc);
    printf("%s\n", ctx.buf);
    return 0;
}
