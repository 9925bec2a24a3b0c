// A lock reference is a small struct passed by value; release() unlocks ref.mu. Main locks
// through one and the worker releases its copy of it.
#include <pthread.h>
#include <stdio.h>

struct lock_ref {
    pthread_mutex_t *mu;
    const char *what;
};

struct export_job {
    struct lock_ref ref;
    int nrecords;
};

static void acquire(struct lock_ref ref)
{
    pthread_mutex_lock(ref.mu);
}

static void release(struct lock_ref ref)
{
    printf("releasing %s\n", ref.what);
    pthread_mutex_unlock(ref.mu); // expect: cross-task-exit
}

static void *export_thread(void *arg)
{
    struct export_job *job = arg;

    printf("exporting %d records\n", job->nrecords);
    release(job->ref);
    return NULL;
}

int main(void)
{
    static pthread_mutex_t ledger_mu = PTHREAD_MUTEX_INITIALIZER;
    struct export_job job = {.ref = {&ledger_mu, "ledger"}, .nrecords = 40};
    pthread_t tid;

    acquire(job.ref);
    if (pthread_create(&tid, NULL, export_thread, &job) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
