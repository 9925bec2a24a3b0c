// The lock call is chosen once at start-up: a checking wrapper in debug mode, plain
// pthread_mutex_lock otherwise, through a function pointer. Workers lock through it and unlock
// directly; main does the same.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static int checked_lock(pthread_mutex_t *m)
{
    int rc = pthread_mutex_lock(m);
    if (rc != 0) {
        fprintf(stderr, "lock failed: %d\n", rc);
        abort();
    }
    return rc;
}

static int (*lock_fn)(pthread_mutex_t *);
static pthread_mutex_t counter_mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *adder(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        lock_fn(&counter_mu);
        counter++;
        pthread_mutex_unlock(&counter_mu);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t t[2];

    (void)argv;
    lock_fn = argc > 1 ? checked_lock : pthread_mutex_lock;
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, adder, NULL);
    lock_fn(&counter_mu);
    counter += 1000;
    pthread_mutex_unlock(&counter_mu);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("counter = %ld\n", counter);
    return 0;
}
