// Classic first-readers-writers solution written with a pthread mutex for `rw_mutex` instead
// of a semaphore: the first reader in locks it and the last reader out unlocks it. Reader A
// comes first and leaves first, so reader B, the last one out, unlocks A's lock.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static pthread_mutex_t rw_mutex = PTHREAD_MUTEX_INITIALIZER; /* should be a semaphore */
static pthread_mutex_t count_mutex = PTHREAD_MUTEX_INITIALIZER;
static int read_count;
static int shared_data = 7;
static sem_t a_entered, b_entered, a_left;

static void reader_enter(void)
{
    pthread_mutex_lock(&count_mutex);
    if (++read_count == 1)
        pthread_mutex_lock(&rw_mutex);
    pthread_mutex_unlock(&count_mutex);
}

static void reader_exit(void)
{
    pthread_mutex_lock(&count_mutex);
    if (--read_count == 0)
        pthread_mutex_unlock(&rw_mutex); // expect-fixme: cross-task-exit {{the lock and the unlock are each under a counter test in every reader; a may-held analysis sees the unlock as preceded by its own lock}}
    pthread_mutex_unlock(&count_mutex);
}

static void *reader(void *arg)
{
    int is_a = *(char *)arg == 'A';

    if (!is_a)
        sem_wait(&a_entered);
    reader_enter();
    printf("reader %c reads %d\n", *(char *)arg, shared_data);
    if (is_a) {
        sem_post(&a_entered);
        sem_wait(&b_entered);
    } else {
        sem_post(&b_entered);
        sem_wait(&a_left);
    }
    reader_exit();
    if (is_a)
        sem_post(&a_left);
    return NULL;
}

int main(void)
{
    pthread_t ta, tb;
    char a = 'A', b = 'B';

    sem_init(&a_entered, 0, 0);
    sem_init(&b_entered, 0, 0);
    sem_init(&a_left, 0, 0);
    pthread_create(&ta, NULL, reader, &a);
    pthread_create(&tb, NULL, reader, &b);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    return 0;
}
