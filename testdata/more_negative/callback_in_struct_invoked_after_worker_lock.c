// The download's on_complete callback unlocks d->mu, but the fetch thread locks d->mu itself
// before invoking it, and main releases its own lock before starting the thread.
#include <pthread.h>
#include <stdio.h>

struct download;
typedef void (*download_cb)(struct download *d);

struct download {
    pthread_mutex_t mu;
    const char *url;
    long bytes;
    download_cb on_complete;
};

static void download_release(struct download *d)
{
    printf("%s: %ld bytes\n", d->url, d->bytes);
    pthread_mutex_unlock(&d->mu);
}

static void *fetch_thread(void *arg)
{
    struct download *d = arg;

    pthread_mutex_lock(&d->mu);
    d->bytes = 65536;
    d->on_complete(d);
    return NULL;
}

int main(void)
{
    struct download d = {.url = "https://example.org/b.tar"};
    pthread_t tid;

    pthread_mutex_init(&d.mu, NULL);
    pthread_mutex_lock(&d.mu);
    d.on_complete = download_release;
    pthread_mutex_unlock(&d.mu);
    if (pthread_create(&tid, NULL, fetch_thread, &d) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_destroy(&d.mu);
    return 0;
}
