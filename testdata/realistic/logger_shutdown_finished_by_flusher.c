// Logger shutdown in two halves: logger_shutdown_begin() locks the global logger and marks it
// closing; main then starts a final flusher thread that writes out the buffer and calls
// logger_shutdown_end(), which unlocks the logger main locked.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define LOG_LOCK() pthread_mutex_lock(&g_logger.mu)
#define LOG_UNLOCK() pthread_mutex_unlock(&g_logger.mu)

static struct {
    pthread_mutex_t mu;
    char buf[256];
    size_t len;
    int closing;
} g_logger = {.mu = PTHREAD_MUTEX_INITIALIZER};

static void log_write(const char *msg)
{
    LOG_LOCK();
    size_t n = strlen(msg);
    if (!g_logger.closing && g_logger.len + n < sizeof(g_logger.buf)) {
        memcpy(g_logger.buf + g_logger.len, msg, n);
        g_logger.len += n;
    }
    LOG_UNLOCK();
}

static void logger_shutdown_begin(void)
{
    LOG_LOCK();
    g_logger.closing = 1;
}

static void logger_shutdown_end(void)
{
    g_logger.len = 0;
    LOG_UNLOCK(); // expect: cross-task-exit
}

static void *final_flusher(void *arg)
{
    FILE *out = arg;

    fwrite(g_logger.buf, 1, g_logger.len, out);
    fputc('\n', out);
    logger_shutdown_end();
    return NULL;
}

int main(void)
{
    pthread_t tid;

    log_write("service started; ");
    log_write("3 requests served; ");
    logger_shutdown_begin();
    if (pthread_create(&tid, NULL, final_flusher, stdout) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
