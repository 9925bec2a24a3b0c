// An echo server: the listener's accept callback and the bufferevent read callback each lock
// and unlock the connection table themselves, all on the thread that dispatches the base;
// main holds the lock only around its own update. Silent.
// flags: -std=gnu11 -pthread
// pkg-config: libevent
// rules: posix libevent
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>
#include <netinet/in.h>
#include <pthread.h>
#include <string.h>

struct server {
    pthread_mutex_t mu;
    int connections;
    struct event_base *base;
};

static void echo_read(struct bufferevent *bev, void *ctx)
{
    struct server *srv = ctx;

    pthread_mutex_lock(&srv->mu);
    evbuffer_add_buffer(bufferevent_get_output(bev), bufferevent_get_input(bev));
    pthread_mutex_unlock(&srv->mu);
}

static void echo_event(struct bufferevent *bev, short what, void *ctx)
{
    struct server *srv = ctx;

    if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR)) {
        pthread_mutex_lock(&srv->mu);
        srv->connections--;
        pthread_mutex_unlock(&srv->mu);
        bufferevent_free(bev);
    }
}

static void accept_conn(struct evconnlistener *listener, evutil_socket_t fd,
                        struct sockaddr *addr, int socklen, void *ctx)
{
    struct server *srv = ctx;
    struct bufferevent *bev;

    (void)listener;
    (void)addr;
    (void)socklen;
    bev = bufferevent_socket_new(srv->base, fd, BEV_OPT_CLOSE_ON_FREE);
    pthread_mutex_lock(&srv->mu);
    srv->connections++;
    pthread_mutex_unlock(&srv->mu);
    bufferevent_setcb(bev, echo_read, NULL, echo_event, srv);
    bufferevent_enable(bev, EV_READ | EV_WRITE);
}

static void stop_server(evutil_socket_t fd, short what, void *arg)
{
    struct server *srv = arg;

    (void)fd;
    (void)what;
    event_base_loopbreak(srv->base);
}

int main(void)
{
    static struct server srv = {PTHREAD_MUTEX_INITIALIZER, 0, NULL};
    struct sockaddr_in sin;
    struct evconnlistener *listener;
    struct timeval tv = {0, 1000};

    srv.base = event_base_new();
    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    pthread_mutex_lock(&srv.mu);
    srv.connections = 0;
    pthread_mutex_unlock(&srv.mu);
    listener = evconnlistener_new_bind(srv.base, accept_conn, &srv,
                                       LEV_OPT_REUSEABLE | LEV_OPT_CLOSE_ON_FREE, -1,
                                       (struct sockaddr *)&sin, sizeof(sin));
    if (!listener)
        return 1;
    event_base_once(srv.base, -1, EV_TIMEOUT, stop_server, &srv, &tv);
    event_base_dispatch(srv.base);
    evconnlistener_free(listener);
    event_base_free(srv.base);
    return 0;
}
