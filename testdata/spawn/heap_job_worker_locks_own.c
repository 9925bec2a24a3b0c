// Main mallocs and initialises a job, then hands it over; the worker locks and unlocks job->mu
// itself, and main locks it again only after the join.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct job {
    pthread_mutex_t mu;
    int id;
    long result;
};

static void *job_executor(void *arg)
{
    struct job *job = arg;

    pthread_mutex_lock(&job->mu);
    job->result = (long)job->id * job->id;
    pthread_mutex_unlock(&job->mu);
    return NULL;
}

int main(void)
{
    struct job *job = malloc(sizeof(*job));
    pthread_t tid;
    long result;

    if (!job)
        return 1;
    job->id = 12;
    job->result = 0;
    pthread_mutex_init(&job->mu, NULL);
    if (pthread_create(&tid, NULL, job_executor, job) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_lock(&job->mu);
    result = job->result;
    pthread_mutex_unlock(&job->mu);
    printf("job %d -> %ld\n", job->id, result);
    pthread_mutex_destroy(&job->mu);
    free(job);
    return 0;
}
