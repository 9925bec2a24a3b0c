// Dining philosophers: each philosopher takes its lower-numbered fork, tries the other one with
// pthread_mutex_trylock, and on failure puts the first fork back and yields before retrying.
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

#define N 5
#define MEALS 3

pthread_mutex_t forks[N];
int meals_eaten[N];

void *philosopher(void *num)
{
    int id = *(int *)num;
    int left = id;
    int right = (id + 1) % N;

    if (left > right) { /* the last philosopher is left-handed */
        int tmp = left;
        left = right;
        right = tmp;
    }

    while (meals_eaten[id] < MEALS) {
        pthread_mutex_lock(&forks[left]);
        if (pthread_mutex_trylock(&forks[right]) != 0) {
            /* right fork busy: put the left one down and try again later */
            pthread_mutex_unlock(&forks[left]);
            sched_yield();
            continue;
        }
        meals_eaten[id]++;
        printf("Philosopher %d is eating (meal %d)\n", id, meals_eaten[id]);
        pthread_mutex_unlock(&forks[right]);
        pthread_mutex_unlock(&forks[left]);
        sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t thread_id[N];
    int phil[N];
    int i;

    for (i = 0; i < N; i++)
        pthread_mutex_init(&forks[i], NULL);
    for (i = 0; i < N; i++) {
        phil[i] = i;
        pthread_create(&thread_id[i], NULL, philosopher, &phil[i]);
    }
    for (i = 0; i < N; i++)
        pthread_join(thread_id[i], NULL);
    for (i = 0; i < N; i++)
        pthread_mutex_destroy(&forks[i]);
    return 0;
}
