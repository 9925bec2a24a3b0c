// The reaper walks the connection list with <sys/queue.h>'s TAILQ_FOREACH and then releases the
// table lock that main took before starting it.
// helgrind: "unlocked lock ... currently held by thread #1"
#include <pthread.h>
#include <stdio.h>
#include <sys/queue.h>

struct conn {
    int fd;
    int idle_ticks;
    TAILQ_ENTRY(conn) link;
};

TAILQ_HEAD(conn_list, conn);

struct conn_table {
    pthread_mutex_t mu;
    struct conn_list conns;
    int reaped;
};

static void *reaper_thread(void *arg)
{
    struct conn_table *tab = arg;
    struct conn *c;

    TAILQ_FOREACH(c, &tab->conns, link) {
        if (c->idle_ticks > 10)
            tab->reaped++;
    }
    pthread_mutex_unlock(&tab->mu); // expect: cross-task-exit {{'tab->mu'}}
    return NULL;
}

int main(void)
{
    struct conn_table tab = {.reaped = 0};
    struct conn a = {.fd = 3, .idle_ticks = 12}, b = {.fd = 4, .idle_ticks = 1};
    pthread_t tid;

    pthread_mutex_init(&tab.mu, NULL);
    TAILQ_INIT(&tab.conns);
    TAILQ_INSERT_TAIL(&tab.conns, &a, link);
    TAILQ_INSERT_TAIL(&tab.conns, &b, link);
    pthread_mutex_lock(&tab.mu);
    if (pthread_create(&tid, NULL, reaper_thread, &tab) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%d reaped\n", tab.reaped);
    pthread_mutex_destroy(&tab.mu);
    return 0;
}
