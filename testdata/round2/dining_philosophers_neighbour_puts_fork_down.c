// Dining philosophers gone wrong: philosopher 1 "helpfully" puts down the fork that
// philosopher 0 picked up and is still holding. A semaphore orders the two so the fork is
// always held when philosopher 1 releases it.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#define N 2

static pthread_mutex_t fork_mtx[N] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};
static sem_t picked_up;
static sem_t put_down;

static void put_fork(int f)
{
    pthread_mutex_unlock(&fork_mtx[f]); // expect: cross-task-exit
}

static void *philosopher0(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&fork_mtx[0]);
    printf("philosopher 0 holds fork 0\n");
    sem_post(&picked_up);
    sem_wait(&put_down);
    return NULL;
}

static void *philosopher1(void *arg)
{
    (void)arg;
    sem_wait(&picked_up);
    pthread_mutex_lock(&fork_mtx[1]);
    put_fork(0); /* wrong fork: it belongs to philosopher 0 */
    put_fork(1);
    sem_post(&put_down);
    return NULL;
}

int main(void)
{
    pthread_t p0, p1;

    sem_init(&picked_up, 0, 0);
    sem_init(&put_down, 0, 0);
    pthread_create(&p0, NULL, philosopher0, NULL);
    pthread_create(&p1, NULL, philosopher1, NULL);
    pthread_join(p0, NULL);
    pthread_join(p1, NULL);
    sem_destroy(&picked_up);
    sem_destroy(&put_down);
    return 0;
}
