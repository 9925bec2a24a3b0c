// Main locks the audit log and starts a detached flusher; the flusher unlocks the log and
// signals completion through a semaphore, since a detached thread cannot be joined.
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

    log->nrecords = 0;
    pthread_mutex_unlock(&log->mu); // expect: cross-task-exit
    sem_post(&log->flushed);
    return NULL;
}

int main(void)
{
    struct audit_log log = {.nrecords = 42};
    pthread_attr_t attr;
    pthread_t tid;

    pthread_mutex_init(&log.mu, NULL);
    sem_init(&log.flushed, 0, 0);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_mutex_lock(&log.mu);
    if (pthread_create(&tid, &attr, audit_flusher, &log) != 0)
        return 1;
    pthread_attr_destroy(&attr);
    sem_wait(&log.flushed);
    printf("audit log has %d records\n", log.nrecords);
    return 0;
}
