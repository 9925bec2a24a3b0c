// A bool-returning try_acquire() wraps pthread_mutex_trylock; callers write
// `if (!try_acquire(r)) continue;` and release only what they acquired. main takes the same
// resource with the blocking acquire().
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

struct resource {
    pthread_mutex_t mu;
    int uses;
};

static bool try_acquire(struct resource *r)
{
    return pthread_mutex_trylock(&r->mu) == 0;
}

static void acquire(struct resource *r)
{
    pthread_mutex_lock(&r->mu);
}

static void release(struct resource *r)
{
    pthread_mutex_unlock(&r->mu);
}

static struct resource printer = {PTHREAD_MUTEX_INITIALIZER, 0};

static void *opportunist(void *arg)
{
    int got = 0;

    (void)arg;
    for (int i = 0; i < 100; i++) {
        if (!try_acquire(&printer))
            continue;
        printer.uses++;
        got++;
        release(&printer);
    }
    return (void *)(long)got;
}

int main(void)
{
    pthread_t t;
    void *got;

    pthread_create(&t, NULL, opportunist, NULL);
    acquire(&printer);
    printer.uses += 10;
    release(&printer);
    pthread_join(t, &got);
    printf("opportunist got the printer %ld times, %d uses\n", (long)got, printer.uses);
    return 0;
}
