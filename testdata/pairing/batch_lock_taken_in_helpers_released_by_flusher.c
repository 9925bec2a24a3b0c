// Main starts a batch through two helpers, the innermost of which takes the table's lock, then
// starts the flusher through a spawn wrapper; the flusher releases the lock. The trace shows the
// whole story: the lock, the calls that led to it from main, the wrapper's pthread_create and
// the call that chose the flusher, then the unlock (helgrind: "unlocked lock ... currently held
// by thread #1").
#include <pthread.h>
#include <stdlib.h>

struct table {
    pthread_mutex_t index_lock;
    int rows;
};

static struct table orders = {PTHREAD_MUTEX_INITIALIZER, 0};

static void table_acquire(struct table *t)
{
    pthread_mutex_lock(&t->index_lock);
}

static void begin_batch(void)
{
    table_acquire(&orders); // expect-note: {{locked in 'table_acquire', called here}}
    orders.rows++;
}

static pthread_t spawn_worker(void *(*fn)(void *), void *arg)
{
    pthread_t tid;

    if (pthread_create(&tid, NULL, fn, arg) != 0)
        abort();
    return tid;
}

static void *flusher(void *arg)
{
    struct table *t = arg;

    t->rows = 0;
    pthread_mutex_unlock(&t->index_lock); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    begin_batch(); // expect-note: {{locked in 'begin_batch', called here}}
    pthread_join(spawn_worker(flusher, &orders), NULL); // expect-note: {{started in 'spawn_worker', called here}}
    return 0;
}
