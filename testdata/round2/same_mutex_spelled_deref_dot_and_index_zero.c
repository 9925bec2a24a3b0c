// One job lock written three ways in the same worker: locked as `&(*job).lock`, checked with
// a local `pthread_mutex_t *l = &job->lock`, and unlocked as `pthread_mutex_unlock(l)` or
// `&job[0].lock`. main locks the same job before starting the worker and unlocks it itself.
#include <pthread.h>
#include <stdio.h>

typedef struct {
    pthread_mutex_t lock;
    int steps;
} job_t;

static void *job_runner(void *arg)
{
    job_t *job = arg;
    pthread_mutex_t *l = &job->lock;

    for (int i = 0; i < 4; i++) {
        pthread_mutex_lock(&(*job).lock);
        job->steps++;
        if (i % 2)
            pthread_mutex_unlock(l);
        else
            pthread_mutex_unlock(&job[0].lock);
    }
    return NULL;
}

int main(void)
{
    job_t job = {PTHREAD_MUTEX_INITIALIZER, 0};
    pthread_t t;

    pthread_mutex_lock(&job.lock);
    job.steps = 100;
    pthread_mutex_unlock(&job.lock);
    pthread_create(&t, NULL, job_runner, &job);
    pthread_join(t, NULL);
    printf("steps = %d\n", job.steps);
    return 0;
}
