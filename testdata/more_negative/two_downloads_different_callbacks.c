// Two downloads of the same type with different completion callbacks: the primary's callback
// unlocks its mutex and is invoked by main, which locked it; the mirror's callback only logs
// and is the one the mirror thread invokes.
#include <pthread.h>
#include <stdio.h>

struct download {
    pthread_mutex_t mu;
    const char *url;
    void (*on_complete)(struct download *d);
};

static void finish_and_unlock(struct download *d)
{
    printf("%s complete\n", d->url);
    pthread_mutex_unlock(&d->mu);
}

static void log_complete(struct download *d)
{
    printf("%s mirrored\n", d->url);
}

static void *mirror_thread(void *arg)
{
    struct download *m = arg;

    m->on_complete(m);
    return NULL;
}

int main(void)
{
    struct download primary = {.url = "https://a.example/pkg", .on_complete = finish_and_unlock};
    struct download mirror = {.url = "https://b.example/pkg", .on_complete = log_complete};
    pthread_t tid;

    pthread_mutex_init(&primary.mu, NULL);
    pthread_mutex_init(&mirror.mu, NULL);
    pthread_mutex_lock(&primary.mu);
    if (pthread_create(&tid, NULL, mirror_thread, &mirror) != 0)
        return 1;
    pthread_join(tid, NULL);
    primary.on_complete(&primary);
    return 0;
}
