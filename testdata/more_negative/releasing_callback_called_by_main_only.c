// The download registers two callbacks: on_progress (no locking) is invoked by the fetch
// thread, and on_complete (which unlocks d->mu) is invoked only by main, which holds d->mu.
#include <pthread.h>
#include <stdio.h>

struct download {
    pthread_mutex_t mu;
    long bytes;
    void (*on_progress)(struct download *d);
    void (*on_complete)(struct download *d);
};

static void report_progress(struct download *d)
{
    printf("progress: %ld bytes\n", d->bytes);
}

static void finish_download(struct download *d)
{
    printf("done: %ld bytes\n", d->bytes);
    pthread_mutex_unlock(&d->mu);
}

static void *fetch_thread(void *arg)
{
    struct download *d = arg;

    for (int i = 0; i < 3; i++) {
        d->bytes += 1024;
        d->on_progress(d);
    }
    return NULL;
}

int main(void)
{
    struct download d = {.bytes = 0};
    pthread_t tid;

    pthread_mutex_init(&d.mu, NULL);
    d.on_progress = report_progress;
    d.on_complete = finish_download;
    pthread_mutex_lock(&d.mu);
    if (pthread_create(&tid, NULL, fetch_thread, &d) != 0)
        return 1;
    pthread_join(tid, NULL);
    d.on_complete(&d);
    pthread_mutex_destroy(&d.mu);
    return 0;
}
