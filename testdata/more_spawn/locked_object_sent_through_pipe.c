// Main locks a buffer and writes the pointer into a pipe (the self-pipe pattern of event
// loops); the I/O thread reads the pointer back from the pipe and unlocks the buffer.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

struct io_buffer {
    pthread_mutex_t mu;
    char data[64];
    size_t len;
};

static int g_pipe[2];

static void *io_thread(void *arg)
{
    struct io_buffer *buf;

    (void)arg;
    if (read(g_pipe[0], &buf, sizeof(buf)) != (ssize_t)sizeof(buf))
        return NULL;
    buf->len = 0;
    pthread_mutex_unlock(&buf->mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    struct io_buffer buf = {.data = "hello", .len = 5};
    struct io_buffer *p = &buf;
    pthread_t tid;

    if (pipe(g_pipe) != 0)
        return 1;
    pthread_mutex_init(&buf.mu, NULL);
    if (pthread_create(&tid, NULL, io_thread, NULL) != 0)
        return 1;
    pthread_mutex_lock(&buf.mu);
    if (write(g_pipe[1], &p, sizeof(p)) != (ssize_t)sizeof(p))
        return 1;
    pthread_join(tid, NULL);
    printf("len %zu\n", buf.len);
    return 0;
}
