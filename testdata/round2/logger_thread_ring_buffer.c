// A logger thread drains a ring buffer of messages; application threads append under the ring
// lock and signal the logger. The logger formats outside the lock.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define RING_SLOTS 8
#define MSG_LEN 48

static struct {
    char msg[RING_SLOTS][MSG_LEN];
    unsigned head, tail;
    int closing;
    pthread_mutex_t mtx;
    pthread_cond_t nonempty;
} ring = {.mtx = PTHREAD_MUTEX_INITIALIZER, .nonempty = PTHREAD_COND_INITIALIZER};

static void log_msg(const char *text)
{
    pthread_mutex_lock(&ring.mtx);
    if (ring.head - ring.tail < RING_SLOTS) {
        strncpy(ring.msg[ring.head % RING_SLOTS], text, MSG_LEN - 1);
        ring.head++;
        pthread_cond_signal(&ring.nonempty);
    }
    pthread_mutex_unlock(&ring.mtx);
}

static void *logger_thread(void *unused)
{
    char line[MSG_LEN];

    (void)unused;
    pthread_mutex_lock(&ring.mtx);
    for (;;) {
        while (ring.head == ring.tail && !ring.closing)
            pthread_cond_wait(&ring.nonempty, &ring.mtx);
        if (ring.head == ring.tail)
            break;
        memcpy(line, ring.msg[ring.tail % RING_SLOTS], MSG_LEN);
        ring.tail++;
        pthread_mutex_unlock(&ring.mtx);
        fprintf(stderr, "[log] %s\n", line);
        pthread_mutex_lock(&ring.mtx);
    }
    pthread_mutex_unlock(&ring.mtx);
    return NULL;
}

static void *app_thread(void *name)
{
    char buf[MSG_LEN];

    for (int i = 0; i < 3; i++) {
        snprintf(buf, sizeof buf, "%s step %d", (const char *)name, i);
        log_msg(buf);
    }
    return NULL;
}

int main(void)
{
    pthread_t logger, a, b;

    pthread_create(&logger, NULL, logger_thread, NULL);
    pthread_create(&a, NULL, app_thread, "alpha");
    pthread_create(&b, NULL, app_thread, "beta");
    pthread_join(a, NULL);
    pthread_join(b, NULL);

    pthread_mutex_lock(&ring.mtx);
    ring.closing = 1;
    pthread_cond_signal(&ring.nonempty);
    pthread_mutex_unlock(&ring.mtx);
    pthread_join(logger, NULL);
    return 0;
}
