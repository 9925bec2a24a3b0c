// The worker copies its argument struct into a local before using it; the copy still points
// at main's locked upload, and the worker unlocks it through the copy.
#include <pthread.h>
#include <stdio.h>

struct upload {
    pthread_mutex_t mu;
    size_t sent;
};

struct upload_args {
    struct upload *up;
    size_t chunk;
};

static void *uploader(void *arg)
{
    struct upload_args a = *(struct upload_args *)arg;

    a.up->sent += a.chunk;
    pthread_mutex_unlock(&a.up->mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    struct upload up = {.sent = 0};
    struct upload_args args = {.up = &up, .chunk = 4096};
    pthread_t tid;

    pthread_mutex_init(&up.mu, NULL);
    pthread_mutex_lock(&up.mu);
    if (pthread_create(&tid, NULL, uploader, &args) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("sent %zu bytes\n", up.sent);
    return 0;
}
