// Main takes both of the orders table's locks; the flusher thread releases each through the
// same helper, so one unlock call exits two scopes entered in another thread: two findings at
// that call, one per lock, each named by the object, not by the helper's parameter (helgrind:
// "unlocked lock ... currently held by thread #1", twice).
#include <pthread.h>

struct table {
    pthread_mutex_t index_lock;
    pthread_mutex_t data_lock;
    int rows;
};

static struct table orders = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, 0};

static void release_lock(pthread_mutex_t *m)
{
    pthread_mutex_unlock(m); // expect: cross-task-exit {{'orders.data_lock' is unlocked}} expect: cross-task-exit {{'orders.index_lock' is unlocked}}
}

static void *flusher(void *arg)
{
    struct table *t = arg;

    t->rows = 0;
    release_lock(&t->data_lock);
    release_lock(&t->index_lock);
    return NULL;
}

int main(void)
{
    pthread_t tid;

    pthread_mutex_lock(&orders.index_lock);
    pthread_mutex_lock(&orders.data_lock);
    orders.rows++;
    if (pthread_create(&tid, NULL, flusher, &orders) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
