// A detached flusher locks and unlocks the audit log itself and posts a semaphore when done;
// main locks and unlocks the log around its own writes.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

struct audit_log {
    pthread_mutex_t mu;
    sem_t flushed;
    int nrecords;
};

static void *audit_flusher(void *arg)
{
    struct audit_log *log = arg;

    pthread_mutex_lock(&log->mu);
    log->nrecords = 0;
    pthread_mutex_unlock(&log->mu);
    sem_post(&log->flushed);
    return NULL;
}

int main(void)
{
    struct audit_log log = {.nrecords = 0};
    pthread_attr_t attr;
    pthread_t tid;

    pthread_mutex_init(&log.mu, NULL);
    sem_init(&log.flushed, 0, 0);
    pthread_mutex_lock(&log.mu);
    log.nrecords = 42;
    pthread_mutex_unlock(&log.mu);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&tid, &attr, audit_flusher, &log) != 0)
        return 1;
    pthread_attr_destroy(&attr);
    sem_wait(&log.flushed);
    printf("audit log has %d records\n", log.nrecords);
    return 0;
}
