// job_new() allocates the job and stores the session in it; main locks the session, passes
// the job to the worker, and the worker unlocks job->sess->mu.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct session {
    pthread_mutex_t mu;
    long bytes;
};

struct job {
    struct session *sess;
    long nbytes;
};

static struct job *job_new(struct session *sess, long nbytes)
{
    struct job *job = malloc(sizeof(*job));

    if (job) {
        job->sess = sess;
        job->nbytes = nbytes;
    }
    return job;
}

static void *transfer_thread(void *arg)
{
    struct job *job = arg;

    job->sess->bytes += job->nbytes;
    pthread_mutex_unlock(&job->sess->mu); // expect: cross-task-exit
    free(job);
    return NULL;
}

int main(void)
{
    struct session sess = {.bytes = 0};
    struct job *job;
    pthread_t tid;

    pthread_mutex_init(&sess.mu, NULL);
    pthread_mutex_lock(&sess.mu);
    job = job_new(&sess, 8192);
    if (!job || pthread_create(&tid, NULL, transfer_thread, job) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%ld bytes\n", sess.bytes);
    return 0;
}
