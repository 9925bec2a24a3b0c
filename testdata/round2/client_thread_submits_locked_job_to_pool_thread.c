// Two threads started by main: a client thread locks a job's mutex and queues the job in a
// global job slot; the pool thread picks the job up and unlocks the job's mutex when done.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

struct job {
    pthread_mutex_t running;
    int arg, result;
};

static struct job *job_slot; /* written by the client, read by the pool thread */
static sem_t job_ready;

static void *client(void *arg)
{
    static struct job j = {PTHREAD_MUTEX_INITIALIZER, 6, 0};

    (void)arg;
    pthread_mutex_lock(&j.running);
    job_slot = &j;
    sem_post(&job_ready);
    return NULL;
}

static void *pool_thread(void *arg)
{
    struct job *j;

    (void)arg;
    sem_wait(&job_ready);
    j = job_slot;
    j->result = j->arg * 7;
    pthread_mutex_unlock(&j->running); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t c, p;

    sem_init(&job_ready, 0, 0);
    pthread_create(&p, NULL, pool_thread, NULL);
    pthread_create(&c, NULL, client, NULL);
    pthread_join(c, NULL);
    pthread_join(p, NULL);
    printf("result %d\n", job_slot->result);
    return 0;
}
