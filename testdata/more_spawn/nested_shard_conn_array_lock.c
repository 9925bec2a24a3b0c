// A server has shards, each with an array of connections. Main locks one connection,
// srv->shards[1].conns[2].mu, and the closer thread is given shard and slot numbers and
// unlocks the same connection through them.
#include <pthread.h>
#include <stdio.h>

struct conn {
    pthread_mutex_t mu;
    int fd;
};

struct shard {
    struct conn conns[4];
};

struct server {
    struct shard shards[2];
};

struct close_req {
    struct server *srv;
    int shard, slot;
};

static void *closer_thread(void *arg)
{
    struct close_req *req = arg;
    struct conn *c = &req->srv->shards[req->shard].conns[req->slot];

    c->fd = -1;
    pthread_mutex_unlock(&c->mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    static struct server srv;
    struct close_req req = {.srv = &srv, .shard = 1, .slot = 2};
    pthread_t tid;

    for (int s = 0; s < 2; s++)
        for (int i = 0; i < 4; i++) {
            pthread_mutex_init(&srv.shards[s].conns[i].mu, NULL);
            srv.shards[s].conns[i].fd = 10 * s + i;
        }
    pthread_mutex_lock(&srv.shards[1].conns[2].mu);
    if (pthread_create(&tid, NULL, closer_thread, &req) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("fd %d\n", srv.shards[1].conns[2].fd);
    return 0;
}
