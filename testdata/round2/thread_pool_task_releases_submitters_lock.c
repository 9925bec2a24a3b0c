// Thread pool misuse: the submitter locks a job's mutex as a "job in flight" marker and the
// task function, run on a pool worker, unlocks it when the job is done.
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

struct job {
    pthread_mutex_t busy; /* held while the job is in flight */
    int input, output;
};

struct pool {
    pthread_mutex_t lock;
    pthread_cond_t cv;
    struct job *pending[8];
    int npending;
    bool stop;
};

static void run_job(struct job *j)
{
    j->output = j->input * j->input;
    pthread_mutex_unlock(&j->busy); // expect: cross-task-exit
}

static void *pool_thread(void *arg)
{
    struct pool *p = arg;

    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->npending == 0 && !p->stop)
            pthread_cond_wait(&p->cv, &p->lock);
        if (p->npending == 0)
            break;
        struct job *j = p->pending[--p->npending];
        pthread_mutex_unlock(&p->lock);
        run_job(j);
        pthread_mutex_lock(&p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static void submit(struct pool *p, struct job *j)
{
    pthread_mutex_lock(&j->busy);
    pthread_mutex_lock(&p->lock);
    p->pending[p->npending++] = j;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->lock);
}

int main(void)
{
    struct pool p = {.lock = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};
    struct job job = {.busy = PTHREAD_MUTEX_INITIALIZER, .input = 12};
    pthread_t worker;

    pthread_create(&worker, NULL, pool_thread, &p);
    submit(&p, &job);

    pthread_mutex_lock(&p.lock);
    p.stop = true;
    pthread_cond_broadcast(&p.cv);
    pthread_mutex_unlock(&p.lock);
    pthread_join(worker, NULL);
    printf("12 squared is %d\n", job.output);
    return 0;
}
