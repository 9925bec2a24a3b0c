// Sleeping barber with a mutex misused as a signal: the customer locks the chair mutex when
// sitting down, and the barber unlocks it when the haircut is finished.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static pthread_mutex_t chair = PTHREAD_MUTEX_INITIALIZER;
static sem_t customer_waiting;
static sem_t haircut_done;

static void *customer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&chair); /* sit down */
    puts("customer sits in the chair");
    sem_post(&customer_waiting);
    sem_wait(&haircut_done);
    puts("customer leaves");
    return NULL;
}

static void *barber(void *arg)
{
    (void)arg;
    sem_wait(&customer_waiting);
    puts("barber cuts hair");
    pthread_mutex_unlock(&chair); // expect: cross-task-exit
    sem_post(&haircut_done);
    return NULL;
}

int main(void)
{
    pthread_t b, c;

    sem_init(&customer_waiting, 0, 0);
    sem_init(&haircut_done, 0, 0);
    pthread_create(&b, NULL, barber, NULL);
    pthread_create(&c, NULL, customer, NULL);
    pthread_join(c, NULL);
    pthread_join(b, NULL);
    return 0;
}
