// Reference-counted buffer with an internal lock: every thread takes a reference, uses the
// buffer, and drops it; whichever thread drops the last reference frees it. Each unref locks
// and unlocks obj->lock itself.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    pthread_mutex_t lock;
    int refcount;
    char data[64];
} shared_buf;

static shared_buf *buf_new(void)
{
    shared_buf *b = calloc(1, sizeof *b);
    pthread_mutex_init(&b->lock, NULL);
    b->refcount = 1;
    return b;
}

static shared_buf *buf_ref(shared_buf *b)
{
    pthread_mutex_lock(&b->lock);
    b->refcount++;
    pthread_mutex_unlock(&b->lock);
    return b;
}

static void buf_unref(shared_buf *b)
{
    int last;

    pthread_mutex_lock(&b->lock);
    last = --b->refcount == 0;
    pthread_mutex_unlock(&b->lock);
    if (last) {
        pthread_mutex_destroy(&b->lock);
        free(b);
    }
}

static void *reader(void *arg)
{
    shared_buf *b = arg;

    pthread_mutex_lock(&b->lock);
    b->data[0]++;
    pthread_mutex_unlock(&b->lock);
    buf_unref(b);
    return NULL;
}

int main(void)
{
    pthread_t th[4];
    shared_buf *b = buf_new();

    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, reader, buf_ref(b));
    buf_unref(b); /* main's reference; a reader may end up freeing it */
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    puts("all references dropped");
    return 0;
}
