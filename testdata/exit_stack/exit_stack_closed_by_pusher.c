// The exit stack is closed by the thread that locked db->mu and pushed the unlock cleanup:
// each worker uses a stack of its own.
#include <pthread.h>
#include <stdio.h>

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

    pthread_mutex_unlock(mu);
}

struct db {
    pthread_mutex_t mu;
    int writes;
};

static void *db_writer(void *arg)
{
    struct db *db = arg;
    struct exit_stack stack = {.n = 0};

    pthread_mutex_lock(&db->mu);
    exit_stack_push(&stack, unlock_cb, &db->mu);
    db->writes++;
    exit_stack_close(&stack);
    return NULL;
}

int main(void)
{
    struct db db = {.writes = 0};
    pthread_t writers[2];

    pthread_mutex_init(&db.mu, NULL);
    for (int i = 0; i < 2; i++) {
        if (pthread_create(&writers[i], NULL, db_writer, &db) != 0)
            return 1;
    }
    for (int i = 0; i < 2; i++)
        pthread_join(writers[i], NULL);
    printf("%d writes\n", db.writes);
    pthread_mutex_destroy(&db.mu);
    return 0;
}
