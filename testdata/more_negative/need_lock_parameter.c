// stats_update(s, need_lock) locks and unlocks only when asked to. Main calls it without the
// lock during single-threaded startup; the sampler thread always asks for the lock. The
// unlock only runs after the same call's lock.
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

struct stats {
    pthread_mutex_t mu;
    long samples;
};

static void stats_update(struct stats *s, long n, bool need_lock)
{
    if (need_lock)
        pthread_mutex_lock(&s->mu);
    s->samples += n;
    if (need_lock)
        pthread_mutex_unlock(&s->mu);
}

static void *sampler_thread(void *arg)
{
    struct stats *s = arg;

    for (int i = 0; i < 50; i++)
        stats_update(s, 1, true);
    return NULL;
}

int main(void)
{
    struct stats s = {.samples = 0};
    pthread_t tid;

    pthread_mutex_init(&s.mu, NULL);
    stats_update(&s, 100, false);
    if (pthread_create(&tid, NULL, sampler_thread, &s) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_lock(&s.mu);
    printf("%ld samples\n", s.samples);
    pthread_mutex_unlock(&s.mu);
    return 0;
}
