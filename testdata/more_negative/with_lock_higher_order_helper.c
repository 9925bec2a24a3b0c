// with_lock(mu, fn, arg) locks, runs fn, and unlocks, all in the caller's thread. The worker
// and main both update the inventory through it.
#include <pthread.h>
#include <stdio.h>

struct inventory {
    pthread_mutex_t mu;
    int widgets;
};

static void with_lock(pthread_mutex_t *mu, void (*fn)(void *), void *arg)
{
    pthread_mutex_lock(mu);
    fn(arg);
    pthread_mutex_unlock(mu);
}

static void add_widget(void *arg)
{
    struct inventory *inv = arg;

    inv->widgets++;
}

static void *restock_thread(void *arg)
{
    struct inventory *inv = arg;

    for (int i = 0; i < 10; i++)
        with_lock(&inv->mu, add_widget, inv);
    return NULL;
}

int main(void)
{
    struct inventory inv = {.widgets = 0};
    pthread_t tid;

    pthread_mutex_init(&inv.mu, NULL);
    if (pthread_create(&tid, NULL, restock_thread, &inv) != 0)
        return 1;
    with_lock(&inv.mu, add_widget, &inv);
    pthread_join(tid, NULL);
    printf("%d widgets\n", inv.widgets);
    return 0;
}
