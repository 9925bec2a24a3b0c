// A three-stage pipeline (read -> transform -> write) connected by two bounded channels, each
// with its own mutex and condition variables. Every stage locks and unlocks a channel in its
// own thread.
#include <pthread.h>
#include <stdio.h>

#define NITEMS 16
#define CAP 4

typedef struct channel {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int buf[CAP];
    int head, count;
} channel_t;

static void chan_send(channel_t *ch, int v)
{
    pthread_mutex_lock(&ch->mu);
    while (ch->count == CAP)
        pthread_cond_wait(&ch->cv, &ch->mu);
    ch->buf[(ch->head + ch->count++) % CAP] = v;
    pthread_cond_broadcast(&ch->cv);
    pthread_mutex_unlock(&ch->mu);
}

static int chan_recv(channel_t *ch)
{
    int v;

    pthread_mutex_lock(&ch->mu);
    while (ch->count == 0)
        pthread_cond_wait(&ch->cv, &ch->mu);
    v = ch->buf[ch->head];
    ch->head = (ch->head + 1) % CAP;
    ch->count--;
    pthread_cond_broadcast(&ch->cv);
    pthread_mutex_unlock(&ch->mu);
    return v;
}

static channel_t g_raw = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, {0}, 0, 0};
static channel_t g_cooked = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, {0}, 0, 0};

static void *reader_stage(void *arg)
{
    (void)arg;
    for (int i = 1; i <= NITEMS; i++)
        chan_send(&g_raw, i);
    return NULL;
}

static void *transform_stage(void *arg)
{
    (void)arg;
    for (int i = 0; i < NITEMS; i++)
        chan_send(&g_cooked, chan_recv(&g_raw) * 3);
    return NULL;
}

int main(void)
{
    pthread_t reader, transformer;
    long sum = 0;

    pthread_create(&reader, NULL, reader_stage, NULL);
    pthread_create(&transformer, NULL, transform_stage, NULL);
    for (int i = 0; i < NITEMS; i++)
        sum += chan_recv(&g_cooked);
    pthread_join(reader, NULL);
    pthread_join(transformer, NULL);
    printf("sum %ld\n", sum);
    return 0;
}
