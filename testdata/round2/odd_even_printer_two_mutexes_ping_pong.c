// The classic "print odd and even numbers from two threads" done with two mutexes used as
// turn tokens: each thread locks its own turn mutex and unlocks the other thread's, which that
// thread (or main, for the first turn) locked.
#include <pthread.h>
#include <stdio.h>

#define MAX 6

pthread_mutex_t odd_turn = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t even_turn = PTHREAD_MUTEX_INITIALIZER;

void *print_odd(void *arg)
{
    (void)arg;
    for (int i = 1; i <= MAX; i += 2) {
        pthread_mutex_lock(&odd_turn);
        printf("odd:  %d\n", i);
        pthread_mutex_unlock(&even_turn); // expect: cross-task-exit
    }
    return NULL;
}

void *print_even(void *arg)
{
    (void)arg;
    for (int i = 2; i <= MAX; i += 2) {
        pthread_mutex_lock(&even_turn);
        printf("even: %d\n", i);
        pthread_mutex_unlock(&odd_turn); // expect: cross-task-exit
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_mutex_lock(&even_turn); /* odd goes first */
    pthread_create(&t1, NULL, print_odd, NULL);
    pthread_create(&t2, NULL, print_even, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
