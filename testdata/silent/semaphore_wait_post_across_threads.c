// Semaphores are not owned: main waits on a slot and the producer thread posts it, and the
// job queue's slot count is taken in one thread and given back in another.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

struct job_queue {
    sem_t free_slots;
    sem_t ready;
    int job;
};

static void *job_producer(void *arg)
{
    struct job_queue *q = arg;

    q->job = 42;
    sem_post(&q->ready);
    sem_post(&q->free_slots);
    return NULL;
}

int main(void)
{
    struct job_queue q;
    pthread_t tid;
    int job;

    sem_init(&q.free_slots, 0, 1);
    sem_init(&q.ready, 0, 0);
    sem_wait(&q.free_slots);
    if (pthread_create(&tid, NULL, job_producer, &q) != 0)
        return 1;
    sem_wait(&q.ready);
    job = q.job;
    pthread_join(tid, NULL);
    printf("got job %d\n", job);
    sem_destroy(&q.ready);
    sem_destroy(&q.free_slots);
    return 0;
}
