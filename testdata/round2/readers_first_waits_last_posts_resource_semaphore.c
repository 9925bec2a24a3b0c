// The textbook first-readers-writers solution as written: rw_sem is a semaphore, so the first
// reader may sem_wait it and the last reader (any thread) sem_post it; count_mutex is always
// unlocked by the reader that locked it. A writer takes rw_sem between reader batches.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static sem_t rw_sem;
static pthread_mutex_t count_mutex = PTHREAD_MUTEX_INITIALIZER;
static int read_count;
static int shared_data;

static void *reader(void *arg)
{
    int id = *(int *)arg;

    for (int i = 0; i < 5; i++) {
        pthread_mutex_lock(&count_mutex);
        if (++read_count == 1)
            sem_wait(&rw_sem);
        pthread_mutex_unlock(&count_mutex);

        printf("reader %d reads %d\n", id, shared_data);

        pthread_mutex_lock(&count_mutex);
        if (--read_count == 0)
            sem_post(&rw_sem);
        pthread_mutex_unlock(&count_mutex);
    }
    return NULL;
}

static void *writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 5; i++) {
        sem_wait(&rw_sem);
        shared_data++;
        sem_post(&rw_sem);
    }
    return NULL;
}

int main(void)
{
    pthread_t r[3], w;
    int ids[3] = {1, 2, 3};

    sem_init(&rw_sem, 0, 1);
    pthread_create(&w, NULL, writer, NULL);
    for (int i = 0; i < 3; i++)
        pthread_create(&r[i], NULL, reader, &ids[i]);
    for (int i = 0; i < 3; i++)
        pthread_join(r[i], NULL);
    pthread_join(w, NULL);
    sem_destroy(&rw_sem);
    return 0;
}
