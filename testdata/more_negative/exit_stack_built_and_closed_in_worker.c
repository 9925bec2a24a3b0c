// Each request handler builds its own exit stack: it locks the shared cache, pushes an unlock
// callback, and closes the stack before returning, all in the handler's thread.
#include <pthread.h>
#include <stdio.h>

struct exit_stack {
    struct {
        void (*fn)(void *);
        void *arg;
    } items[8];
    int n;
};

static void exit_stack_push(struct exit_stack *stack, void (*fn)(void *), void *arg)
{
    stack->items[stack->n].fn = fn;
    stack->items[stack->n].arg = arg;
    stack->n++;
}

static void exit_stack_close(struct exit_stack *stack)
{
    while (stack->n > 0) {
        stack->n--;
        stack->items[stack->n].fn(stack->items[stack->n].arg);
    }
}

static void unlock_cb(void *arg)
{
    pthread_mutex_unlock(arg);
}

static pthread_mutex_t g_cache_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_cache_hits;

static void *request_handler(void *arg)
{
    struct exit_stack stack = {.n = 0};

    (void)arg;
    pthread_mutex_lock(&g_cache_mu);
    exit_stack_push(&stack, unlock_cb, &g_cache_mu);
    g_cache_hits++;
    exit_stack_close(&stack);
    return NULL;
}

int main(void)
{
    pthread_t tids[2];

    for (int i = 0; i < 2; i++)
        pthread_create(&tids[i], NULL, request_handler, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(tids[i], NULL);
    printf("cache hits %d\n", g_cache_hits);
    return 0;
}
