// A project whose lock wrappers carry Clang's thread-safety attributes (behind macros, as
// projects write them): main acquires the table lock through table_lock() and a worker
// releases it through table_unlock(). No pack names these functions: the attributes say what
// they do. The wrappers are pthread mutexes underneath (helgrind reports the unlock).
// flags: -std=gnu11 -pthread
// rules: posix thread-safety
#include <pthread.h>
#include <stdio.h>

#define NO_TSA __attribute__((no_thread_safety_analysis))

#define CAPABILITY(x) __attribute__((capability(x)))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))
#define TRY_ACQUIRE(...) __attribute__((try_acquire_capability(__VA_ARGS__)))

struct CAPABILITY("mutex") table {
    pthread_mutex_t mu;
    int rows;
};

void table_lock(struct table *t) ACQUIRE(t);
int table_trylock(struct table *t) TRY_ACQUIRE(1, t);
void table_unlock(struct table *t) RELEASE(t);

void table_lock(struct table *t) NO_TSA { pthread_mutex_lock(&t->mu); }
int table_trylock(struct table *t) NO_TSA { return pthread_mutex_trylock(&t->mu) == 0; }
void table_unlock(struct table *t) NO_TSA { pthread_mutex_unlock(&t->mu); }

static void *compact_table(void *arg)
{
    struct table *t = arg;

    t->rows /= 2;
    table_unlock(t); // expect: cross-task-exit {{capability 'table' is released in thread 'compact_table' but was acquired in thread 'main'}}
    return NULL;
}

static void *count_rows(void *arg)
{
    struct table *t = arg;

    if (table_trylock(t)) {
        printf("%d rows\n", t->rows);
        table_unlock(t);
    }
    return NULL;
}

int main(void)
{
    static struct table table = {PTHREAD_MUTEX_INITIALIZER, 10};
    pthread_t tid;

    pthread_create(&tid, NULL, count_rows, &table);
    pthread_join(tid, NULL);
    table_lock(&table);
    pthread_create(&tid, NULL, compact_table, &table);
    pthread_join(tid, NULL);
    return 0;
}
