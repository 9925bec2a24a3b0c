// pigz's shape: launch(probe, payload) packs the function and its data into a capsule and
// starts every thread at one trampoline, ignition, which calls capsule->probe(payload). The
// reader thread runs load_read, which takes and releases the input lock itself; main takes it
// after the join.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct capsule {
    void (*probe)(void *);
    void *payload;
};

static pthread_mutex_t g_input_mu = PTHREAD_MUTEX_INITIALIZER;
static long g_bytes_read;

static void *ignition(void *arg)
{
    struct capsule *capsule = arg;

    capsule->probe(capsule->payload);
    free(capsule);
    return NULL;
}

static pthread_t launch(void (*probe)(void *), void *payload)
{
    struct capsule *capsule = malloc(sizeof(*capsule));
    pthread_t tid;

    if (!capsule)
        abort();
    capsule->probe = probe;
    capsule->payload = payload;
    if (pthread_create(&tid, NULL, ignition, capsule) != 0)
        abort();
    return tid;
}

static void load_read(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_input_mu);
    g_bytes_read += 4096;
    pthread_mutex_unlock(&g_input_mu);
}

int main(void)
{
    pthread_t reader;

    reader = launch(load_read, NULL);
    pthread_join(reader, NULL);
    pthread_mutex_lock(&g_input_mu);
    printf("%ld bytes\n", g_bytes_read);
    pthread_mutex_unlock(&g_input_mu);
    return 0;
}
