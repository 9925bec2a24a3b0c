// Main holds the log lock while a worker compresses the old log, and unlocks after joining it:
// the worker never touches the lock, so locking and unlocking both happen in main.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t g_log_mu = PTHREAD_MUTEX_INITIALIZER;
static char g_log[256] = "connect ok; query ok; query ok; disconnect";

struct compress_job {
    char input[256];
    size_t output_len;
};

static void *compress_worker(void *arg)
{
    struct compress_job *job = arg;
    size_t n = 0;

    for (const char *p = job->input; *p; p++) {
        if (p[1] != *p)
            n += 2;
    }
    job->output_len = n;
    return NULL;
}

int main(void)
{
    struct compress_job job;
    pthread_t tid;

    pthread_mutex_lock(&g_log_mu);
    memcpy(job.input, g_log, sizeof(job.input));
    if (pthread_create(&tid, NULL, compress_worker, &job) != 0) {
        pthread_mutex_unlock(&g_log_mu);
        return 1;
    }
    pthread_join(tid, NULL);
    g_log[0] = '\0';
    pthread_mutex_unlock(&g_log_mu);
    printf("compressed to %zu bytes\n", job.output_len);
    return 0;
}
