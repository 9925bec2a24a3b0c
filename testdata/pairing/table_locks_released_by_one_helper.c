// Main takes both of the orders table's locks and hands the table to the flusher thread, whose
// release helper unlocks both: two scopes exited at one call chain, two findings (helgrind:
// "unlocked lock ... currently held by thread #1" for each).
#include <pthread.h>

struct table {
    pthread_mutex_t index_lock;
    pthread_mutex_t data_lock;
    int rows;
};

static struct table orders = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, 0};

static void table_release(struct table *t)
{
    pthread_mutex_unlock(&t->data_lock); // expect: cross-task-exit
    pthread_mutex_unlock(&t->index_lock); // expect: cross-task-exit
}

static void *flusher(void *arg)
{
    struct table *t = arg;

    t->rows = 0;
    table_release(t);
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
