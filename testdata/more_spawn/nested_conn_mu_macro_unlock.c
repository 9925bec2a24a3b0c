// The server's connection state sits in a nested struct; lock and unlock go through macros.
// Main locks srv->conn.mu and the drain thread unlocks it with CONN_UNLOCK(srv).
#include <pthread.h>
#include <stdio.h>

#define CONN_LOCK(s) pthread_mutex_lock(&(s)->conn.mu)
#define CONN_UNLOCK(s) pthread_mutex_unlock(&(s)->conn.mu)

struct connection {
    pthread_mutex_t mu;
    int fd;
    int pending_writes;
};

typedef struct server {
    const char *name;
    struct connection conn;
} server_t;

static void *drain_thread(void *arg)
{
    server_t *srv = arg;

    while (srv->conn.pending_writes > 0)
        srv->conn.pending_writes--;
    CONN_UNLOCK(srv); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    server_t srv = {.name = "edge-1", .conn = {.fd = 3, .pending_writes = 5}};
    pthread_t tid;

    pthread_mutex_init(&srv.conn.mu, NULL);
    CONN_LOCK(&srv);
    if (pthread_create(&tid, NULL, drain_thread, &srv) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%s drained, %d pending\n", srv.name, srv.conn.pending_writes);
    pthread_mutex_destroy(&srv.conn.mu);
    return 0;
}
