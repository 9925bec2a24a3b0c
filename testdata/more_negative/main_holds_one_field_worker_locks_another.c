// The connection has two locks. Main holds conn.write_mu across the worker's lifetime and
// unlocks it after the join; the worker locks and unlocks only c->stats.mu.
#include <pthread.h>
#include <stdio.h>

struct conn_stats {
    pthread_mutex_t mu;
    long rx_bytes;
};

struct connection {
    pthread_mutex_t write_mu;
    struct conn_stats stats;
    int fd;
};

static void *rx_thread(void *arg)
{
    struct connection *c = arg;

    pthread_mutex_lock(&c->stats.mu);
    c->stats.rx_bytes += 1500;
    pthread_mutex_unlock(&c->stats.mu);
    return NULL;
}

int main(void)
{
    struct connection conn = {.fd = 5};
    pthread_t tid;

    pthread_mutex_init(&conn.write_mu, NULL);
    pthread_mutex_init(&conn.stats.mu, NULL);
    pthread_mutex_lock(&conn.write_mu);
    if (pthread_create(&tid, NULL, rx_thread, &conn) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_unlock(&conn.write_mu);
    printf("fd %d rx %ld\n", conn.fd, conn.stats.rx_bytes);
    return 0;
}
