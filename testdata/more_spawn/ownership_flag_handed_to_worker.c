// Main locks the table and tells the worker, through job->owns_lock, that the worker is now
// responsible for unlocking it. The worker unlocks only when the flag says so; here it does.
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

struct table {
    pthread_mutex_t mu;
    int rows;
};

struct load_job {
    struct table *t;
    bool owns_lock;
    int nrows;
};

static void *bulk_load_thread(void *arg)
{
    struct load_job *job = arg;

    job->t->rows += job->nrows;
    if (job->owns_lock)
        pthread_mutex_unlock(&job->t->mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    struct table t = {.rows = 0};
    struct load_job job = {.t = &t, .owns_lock = false, .nrows = 250};
    pthread_t tid;

    pthread_mutex_init(&t.mu, NULL);
    pthread_mutex_lock(&t.mu);
    job.owns_lock = true;
    if (pthread_create(&tid, NULL, bulk_load_thread, &job) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%d rows\n", t.rows);
    return 0;
}
