// main "sets the table" by locking every fork, then starts one philosopher per fork; each
// philosopher puts its own fork down (unlocks forks[id]), a lock main took.
#include <pthread.h>
#include <stdio.h>

#define N 3

static pthread_mutex_t forks[N];

static void *philosopher(void *arg)
{
    long id = (long)arg;

    printf("philosopher %ld puts fork %ld on the table\n", id, id);
    pthread_mutex_unlock(&forks[id]); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t p[N];

    for (int i = 0; i < N; i++) {
        pthread_mutex_init(&forks[i], NULL);
        pthread_mutex_lock(&forks[i]);
    }
    for (long i = 0; i < N; i++)
        pthread_create(&p[i], NULL, philosopher, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(p[i], NULL);
    return 0;
}
