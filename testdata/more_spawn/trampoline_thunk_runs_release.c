// A thread library starts every thread through one trampoline: the thunk holds the real
// function and its argument. Main locks the batch and starts batch_release through the
// trampoline; batch_release unlocks the batch on the new thread.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct thunk {
    void (*fn)(void *arg);
    void *arg;
};

static void *trampoline(void *p)
{
    struct thunk *t = p;

    t->fn(t->arg);
    free(t);
    return NULL;
}

static int thread_start(pthread_t *tid, void (*fn)(void *), void *arg)
{
    struct thunk *t = malloc(sizeof(*t));

    if (!t)
        return -1;
    t->fn = fn;
    t->arg = arg;
    return pthread_create(tid, NULL, trampoline, t);
}

struct batch {
    pthread_mutex_t mu;
    int nitems;
};

static void batch_release(void *arg)
{
    struct batch *b = arg;

    printf("releasing batch of %d\n", b->nitems);
    pthread_mutex_unlock(&b->mu); // expect: cross-task-exit
}

int main(void)
{
    struct batch b = {.nitems = 16};
    pthread_t tid;

    pthread_mutex_init(&b.mu, NULL);
    pthread_mutex_lock(&b.mu);
    if (thread_start(&tid, batch_release, &b) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
