// The project's own exit stack: main locks db->mu and pushes a cleanup that unlocks it, then a
// shutdown thread closes the stack, so the cleanup callback unlocks in the wrong thread.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct exit_stack {
    struct {
        void (*fn)(void *);
        void *arg;
    } items[16];
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
    pthread_mutex_t *mu = arg;

    pthread_mutex_unlock(mu); // expect: cross-task-exit {{unlocked in thread 'shutdown_worker'}}
}

struct db {
    pthread_mutex_t mu;
    int dirty;
};

static void *shutdown_worker(void *arg)
{
    struct exit_stack *stack = arg;

    exit_stack_close(stack);
    return NULL;
}

int main(void)
{
    struct exit_stack stack = {.n = 0};
    struct db *db = calloc(1, sizeof(*db));
    pthread_t tid;

    if (!db)
        return 1;
    pthread_mutex_init(&db->mu, NULL);
    pthread_mutex_lock(&db->mu);
    exit_stack_push(&stack, unlock_cb, &db->mu);
    db->dirty = 1;
    if (pthread_create(&tid, NULL, shutdown_worker, &stack) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("db dirty=%d\n", db->dirty);
    pthread_mutex_destroy(&db->mu);
    free(db);
    return 0;
}
