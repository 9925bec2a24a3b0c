// A ticket lock annotated with Clang's thread-safety attributes behind the project's macros
// (CAPABILITY, ACQUIRE, RELEASE, TRY_ACQUIRE). The shard owner records who holds it and
// aborts when another thread releases it. main acquires the shard and the compactor thread
// releases it: a cross-task exit. The sweeper thread try-acquires and releases on success only:
// silent.
// flags: -std=gnu11 -pthread
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(__clang__)
#define THREAD_ANNOTATION(x) __attribute__((x))
#else
#define THREAD_ANNOTATION(x)
#endif
#define CAPABILITY(x) THREAD_ANNOTATION(capability(x))
#define ACQUIRE(...) THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define RELEASE(...) THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define TRY_ACQUIRE(...) THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))

struct CAPABILITY("mutex") ticket_lock {
    atomic_uint next, serving;
    pthread_t owner;
};

static void ticket_acquire(struct ticket_lock *l) ACQUIRE(l);
static void ticket_release(struct ticket_lock *l) RELEASE(l);
static bool ticket_try_acquire(struct ticket_lock *l) TRY_ACQUIRE(true, l);

static void ticket_acquire(struct ticket_lock *l)
{
    unsigned me = atomic_fetch_add(&l->next, 1);

    while (atomic_load(&l->serving) != me)
        ;
    l->owner = pthread_self();
}

static bool ticket_try_acquire(struct ticket_lock *l)
{
    unsigned serving = atomic_load(&l->serving);
    unsigned expected = serving;

    if (!atomic_compare_exchange_strong(&l->next, &expected, serving + 1))
        return false;
    l->owner = pthread_self();
    return true;
}

static void ticket_release(struct ticket_lock *l)
{
    if (!pthread_equal(l->owner, pthread_self())) {
        fprintf(stderr, "ticket lock released by a thread that does not hold it\n");
        abort();
    }
    atomic_fetch_add(&l->serving, 1);
}

struct shard {
    struct ticket_lock lock;
    int rows;
};

static void *compactor_main(void *arg)
{
    struct shard *s = arg;

    s->rows /= 2;
    ticket_release(&s->lock); // expect: cross-task-exit {{capability 's->lock' is released in thread 'compactor_main' but was acquired in thread 'main'}}
    return NULL;
}

static void *sweeper_main(void *arg)
{
    struct shard *s = arg;

    if (ticket_try_acquire(&s->lock)) {
        s->rows = 0;
        ticket_release(&s->lock);
    }
    return NULL;
}

int main(void)
{
    static struct shard shard;
    pthread_t compactor, sweeper;

    pthread_create(&sweeper, NULL, sweeper_main, &shard);
    pthread_join(sweeper, NULL);
    ticket_acquire(&shard.lock);
    shard.rows = 100;
    pthread_create(&compactor, NULL, compactor_main, &shard);
    pthread_join(compactor, NULL);
    printf("rows %d\n", shard.rows);
    return 0;
}
