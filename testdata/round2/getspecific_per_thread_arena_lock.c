// Per-thread allocation arenas found through pthread_getspecific: each thread (main included)
// creates its arena on first use and locks/unlocks that arena's mutex around allocations.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct arena {
    pthread_mutex_t lock;
    size_t used;
};

static pthread_key_t arena_key;
static pthread_once_t arena_once = PTHREAD_ONCE_INIT;

static void arena_free(void *p)
{
    struct arena *a = p;
    pthread_mutex_destroy(&a->lock);
    free(a);
}

static void make_key(void)
{
    pthread_key_create(&arena_key, arena_free);
}

static struct arena *my_arena(void)
{
    struct arena *a;

    pthread_once(&arena_once, make_key);
    a = pthread_getspecific(arena_key);
    if (a == NULL) {
        a = calloc(1, sizeof *a);
        pthread_mutex_init(&a->lock, NULL);
        pthread_setspecific(arena_key, a);
    }
    return a;
}

static size_t arena_alloc(size_t n)
{
    struct arena *a = my_arena();
    size_t off;

    pthread_mutex_lock(&a->lock);
    off = a->used;
    a->used += n;
    pthread_mutex_unlock(&a->lock);
    return off;
}

static void *alloc_thread(void *arg)
{
    size_t last = 0;
    for (int i = 0; i < 10; i++)
        last = arena_alloc((size_t)(long)arg);
    return (void *)last;
}

int main(void)
{
    pthread_t t[2];
    void *r;

    arena_alloc(32);
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, alloc_thread, (void *)(16 * (i + 1)));
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], &r);
        printf("thread %d last offset %zu\n", i, (size_t)r);
    }
    printf("main arena used %zu\n", my_arena()->used);
    return 0;
}
