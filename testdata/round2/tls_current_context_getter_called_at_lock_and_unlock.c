// Each thread has a current context in a __thread pointer; ctx_lock() and ctx_unlock() both
// call current() to find it. Every thread (main included) locks and unlocks its own context.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct context {
    pthread_mutex_t mu;
    int depth;
};

static __thread struct context *tls_ctx;

static struct context *current(void)
{
    return tls_ctx;
}

static void ctx_lock(void)
{
    pthread_mutex_lock(&current()->mu);
}

static void ctx_unlock(void)
{
    pthread_mutex_unlock(&current()->mu);
}

static void *task(void *arg)
{
    struct context *mine = malloc(sizeof *mine);

    pthread_mutex_init(&mine->mu, NULL);
    mine->depth = 0;
    tls_ctx = mine;
    for (int i = 0; i < 5; i++) {
        ctx_lock();
        mine->depth++;
        ctx_unlock();
    }
    *(int *)arg = mine->depth;
    tls_ctx = NULL;
    pthread_mutex_destroy(&mine->mu);
    free(mine);
    return NULL;
}

int main(void)
{
    struct context main_ctx = {PTHREAD_MUTEX_INITIALIZER, 0};
    pthread_t t;
    int depth = 0;

    tls_ctx = &main_ctx;
    ctx_lock();
    pthread_create(&t, NULL, task, &depth);
    ctx_unlock();
    pthread_join(t, NULL);
    printf("worker depth %d\n", depth);
    return 0;
}
