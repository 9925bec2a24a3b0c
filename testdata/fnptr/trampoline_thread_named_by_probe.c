// pigz's shape: launch(probe, payload) packs the function and its data into a capsule and
// starts every thread at one trampoline, ignition, which calls capsule->probe(payload). The
// reader thread runs load_read, which releases the input lock that main took: the thread is
// named by the function it runs, not by the trampoline. The writer thread locks its own.
// helgrind: "Thread #2 unlocked lock ... currently held by thread #1" (and then the same for
// the writer's own unlock: after the foreign unlock helgrind still counts the lock as main's)
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
    g_bytes_read += 4096;
    pthread_mutex_unlock(&g_input_mu); // expect: cross-task-exit {{thread 'load_read'}}
}

static void write_thread(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_input_mu);
    g_bytes_read = 0;
    pthread_mutex_unlock(&g_input_mu);
}

int main(void)
{
    pthread_t reader, writer;

    pthread_mutex_lock(&g_input_mu);
    reader = launch(load_read, NULL);
    pthread_join(reader, NULL);
    writer = launch(write_thread, NULL);
    pthread_join(writer, NULL);
    printf("%ld bytes\n", g_bytes_read);
    return 0;
}
