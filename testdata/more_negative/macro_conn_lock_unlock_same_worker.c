// CONN_LOCK/CONN_UNLOCK macros around the nested srv->conn.mu, used in pairs by each thread:
// the drain thread and main each lock and unlock on their own.
#include <pthread.h>
#include <stdio.h>

#define CONN_LOCK(s) pthread_mutex_lock(&(s)->conn.mu)
#define CONN_UNLOCK(s) pthread_mutex_unlock(&(s)->conn.mu)

struct connection {
    pthread_mutex_t mu;
    int pending_writes;
};

typedef struct server {
    const char *name;
    struct connection conn;
} server_t;

static void *drain_thread(void *arg)
{
    server_t *srv = arg;

    CONN_LOCK(srv);
    while (srv->conn.pending_writes > 0)
        srv->conn.pending_writes--;
    CONN_UNLOCK(srv);
    return NULL;
}

int main(void)
{
    server_t srv = {.name = "edge-2", .conn = {.pending_writes = 0}};
    pthread_t tid;

    pthread_mutex_init(&srv.conn.mu, NULL);
    CONN_LOCK(&srv);
    srv.conn.pending_writes = 5;
    CONN_UNLOCK(&srv);
    if (pthread_create(&tid, NULL, drain_thread, &srv) != 0)
        return 1;
    pthread_join(tid, NULL);
    CONN_LOCK(&srv);
    printf("%s: %d pending\n", srv.name, srv.conn.pending_writes);
    CONN_UNLOCK(&srv);
    return 0;
}
