// The reaper walks the connection list with <sys/queue.h>'s LIST_FOREACH, locking and unlocking
// each connection in turn, then takes and releases the table lock itself.
#include <pthread.h>
#include <stdio.h>
#include <sys/queue.h>

struct conn {
    pthread_mutex_t mu;
    int idle_ticks;
    LIST_ENTRY(conn) link;
};

LIST_HEAD(conn_list, conn);

struct conn_table {
    pthread_mutex_t mu;
    struct conn_list conns;
    int reaped;
};

static void *reaper_thread(void *arg)
{
    struct conn_table *tab = arg;
    struct conn *c;
    int idle = 0;

    LIST_FOREACH(c, &tab->conns, link) {
        pthread_mutex_lock(&c->mu);
        if (c->idle_ticks > 10)
            idle++;
        pthread_mutex_unlock(&c->mu);
    }
    pthread_mutex_lock(&tab->mu);
    tab->reaped += idle;
    pthread_mutex_unlock(&tab->mu);
    return NULL;
}

int main(void)
{
    struct conn_table tab = {.reaped = 0};
    struct conn a = {.idle_ticks = 12}, b = {.idle_ticks = 1};
    pthread_t tid;

    pthread_mutex_init(&tab.mu, NULL);
    pthread_mutex_init(&a.mu, NULL);
    pthread_mutex_init(&b.mu, NULL);
    LIST_INIT(&tab.conns);
    LIST_INSERT_HEAD(&tab.conns, &a, link);
    LIST_INSERT_HEAD(&tab.conns, &b, link);
    if (pthread_create(&tid, NULL, reaper_thread, &tab) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_lock(&tab.mu);
    printf("%d reaped\n", tab.reaped);
    pthread_mutex_unlock(&tab.mu);
    return 0;
}
