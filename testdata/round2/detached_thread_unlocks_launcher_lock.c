// A launcher locks the job table, starts a detached thread with pthread_detach, and expects the
// detached thread to "unlock the table once it has copied its job". main waits on a semaphore.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>

struct launch {
    pthread_mutex_t *table_lock;
    char job[32];
    sem_t copied;
};

static pthread_mutex_t job_table_lock = PTHREAD_MUTEX_INITIALIZER;

static void *detached_job(void *p)
{
    struct launch *l = p;
    char my_job[32];

    pthread_detach(pthread_self());
    memcpy(my_job, l->job, sizeof my_job);
    pthread_mutex_unlock(l->table_lock); // expect: cross-task-exit
    sem_post(&l->copied);
    printf("running %s\n", my_job);
    return NULL;
}

int main(void)
{
    struct launch l = {.table_lock = &job_table_lock, .job = "rebuild-index"};
    pthread_t t;

    sem_init(&l.copied, 0, 0);
    pthread_mutex_lock(&job_table_lock);
    pthread_create(&t, NULL, detached_job, &l);
    sem_wait(&l.copied);
    sem_destroy(&l.copied);
    pthread_exit(NULL);
}
