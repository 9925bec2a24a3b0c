// Jobs carry a pthread_mutex_t * to the shared table; each worker locks and unlocks through
// job->lock around its own update, and main only takes the lock after joining them.
#include <pthread.h>
#include <stdio.h>

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

    pthread_mutex_lock(job->lock);
    job->table->rows += job->nrows;
    pthread_mutex_unlock(job->lock);
    return NULL;
}

int main(void)
{
    struct table orders = {PTHREAD_MUTEX_INITIALIZER, 0};
    struct job jobs[3];
    pthread_t tids[3];

    for (int i = 0; i < 3; i++) {
        jobs[i].lock = &orders.mu;
        jobs[i].table = &orders;
        jobs[i].nrows = i + 1;
        if (pthread_create(&tids[i], NULL, insert_worker, &jobs[i]) != 0)
            return 1;
    }
    for (int i = 0; i < 3; i++)
        pthread_join(tids[i], NULL);
    pthread_mutex_lock(&orders.mu);
    printf("orders has %d rows\n", orders.rows);
    pthread_mutex_unlock(&orders.mu);
    return 0;
}
