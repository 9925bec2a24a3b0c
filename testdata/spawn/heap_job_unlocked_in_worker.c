// A malloc'd job is locked by main and handed to a worker thread, which unlocks job->mu.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct job {
    pthread_mutex_t mu;
    int id;
    long result;
};

static void *job_runner(void *arg)
{
    struct job *job = arg;

    job->result = (long)job->id * job->id;
    pthread_mutex_unlock(&job->mu); // expect: cross-task-exit {{'job->mu'}}
    return NULL;
}

int main(void)
{
    struct job *job = malloc(sizeof(*job));
    pthread_t tid;

    if (!job)
        return 1;
    job->id = 12;
    job->result = 0;
    pthread_mutex_init(&job->mu, NULL);
    pthread_mutex_lock(&job->mu);
    if (pthread_create(&tid, NULL, job_runner, job) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("job %d -> %ld\n", job->id, job->result);
    pthread_mutex_destroy(&job->mu);
    free(job);
    return 0;
}
