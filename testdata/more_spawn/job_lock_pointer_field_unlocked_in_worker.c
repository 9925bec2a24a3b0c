// A job carries a pthread_mutex_t * to the table it updates. Main locks the table through
// that pointer before queueing the job, and the worker releases it through job->lock.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct table {
    pthread_mutex_t mu;
    int rows;
};

struct job {
    pthread_mutex_t *lock;
    struct table *table;
    int nrows;
};

static void *insert_worker(void *arg)
{
    struct job *job = arg;

    job->table->rows += job->nrows;
    pthread_mutex_unlock(job->lock); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    struct table users = {.rows = 0};
    struct job *job = malloc(sizeof(*job));
    pthread_t tid;

    if (!job)
        return 1;
    pthread_mutex_init(&users.mu, NULL);
    job->table = &users;
    job->lock = &users.mu;
    job->nrows = 12;
    pthread_mutex_lock(job->lock);
    if (pthread_create(&tid, NULL, insert_worker, job) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("users has %d rows\n", users.rows);
    pthread_mutex_destroy(&users.mu);
    free(job);
    return 0;
}
