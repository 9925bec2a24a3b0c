// A writer thread takes the config write lock and signals "config being updated"; a reader
// thread that was told to "release the writer when done" unlocks the rwlock it never took.
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static pthread_rwlock_t config_lock = PTHREAD_RWLOCK_INITIALIZER;
static int config_version;
static sem_t writer_holds_lock, reader_done;

static void *config_writer(void *arg)
{
    (void)arg;
    pthread_rwlock_wrlock(&config_lock);
    config_version++;
    sem_post(&writer_holds_lock);
    sem_wait(&reader_done); /* leaves the release to the reader */
    return NULL;
}

static void *config_reader(void *arg)
{
    (void)arg;
    sem_wait(&writer_holds_lock);
    printf("reader saw version %d\n", config_version);
    pthread_rwlock_unlock(&config_lock); // expect: cross-task-exit
    sem_post(&reader_done);
    return NULL;
}

int main(void)
{
    pthread_t w, r;

    sem_init(&writer_holds_lock, 0, 0);
    sem_init(&reader_done, 0, 0);
    pthread_create(&w, NULL, config_writer, NULL);
    pthread_create(&r, NULL, config_reader, NULL);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    return 0;
}
