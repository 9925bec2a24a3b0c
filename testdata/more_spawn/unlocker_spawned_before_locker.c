// Two sibling threads share one export struct: main starts the uploader first and the
// packer second. The packer locks exp->mu and posts exp->packed; the uploader waits for the
// post and unlocks exp->mu, a lock only the packer took.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

struct export_job {
    pthread_mutex_t mu;
    sem_t packed;
    int nfiles;
};

static void *uploader_thread(void *arg)
{
    struct export_job *exp = arg;

    sem_wait(&exp->packed);
    printf("uploading %d files\n", exp->nfiles);
    pthread_mutex_unlock(&exp->mu); // expect: cross-task-exit
    return NULL;
}

static void *packer_thread(void *arg)
{
    struct export_job *exp = arg;

    pthread_mutex_lock(&exp->mu);
    exp->nfiles = 14;
    sem_post(&exp->packed);
    return NULL;
}

int main(void)
{
    struct export_job exp = {.nfiles = 0};
    pthread_t uploader, packer;

    pthread_mutex_init(&exp.mu, NULL);
    sem_init(&exp.packed, 0, 0);
    if (pthread_create(&uploader, NULL, uploader_thread, &exp) != 0)
        return 1;
    if (pthread_create(&packer, NULL, packer_thread, &exp) != 0)
        return 1;
    pthread_join(packer, NULL);
    pthread_join(uploader, NULL);
    sem_destroy(&exp.packed);
    return 0;
}
