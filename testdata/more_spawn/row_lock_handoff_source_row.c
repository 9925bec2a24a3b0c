// Moving a row between two slots of a table with per-row locks: main locks the source row and
// hands the move to a worker, which locks the destination row itself, copies, and then
// unlocks both rows. The source row's unlock is of main's lock.
#include <pthread.h>
#include <stdio.h>

#define NROWS 8

struct table {
    pthread_mutex_t row_mu[NROWS];
    int row_val[NROWS];
};

struct move_job {
    struct table *t;
    int src, dst;
};

static void *move_row_thread(void *arg)
{
    struct move_job *job = arg;
    struct table *t = job->t;

    pthread_mutex_lock(&t->row_mu[job->dst]);
    t->row_val[job->dst] = t->row_val[job->src];
    t->row_val[job->src] = 0;
    pthread_mutex_unlock(&t->row_mu[job->dst]);
    pthread_mutex_unlock(&t->row_mu[job->src]); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    static struct table t;
    struct move_job job = {.t = &t, .src = 2, .dst = 5};
    pthread_t tid;

    for (int i = 0; i < NROWS; i++) {
        pthread_mutex_init(&t.row_mu[i], NULL);
        t.row_val[i] = i * 10;
    }
    pthread_mutex_lock(&t.row_mu[job.src]);
    if (pthread_create(&tid, NULL, move_row_thread, &job) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("row 5 = %d\n", t.row_val[5]);
    return 0;
}
