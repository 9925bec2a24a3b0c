// Recursive mutex: main locks it twice (outer and nested call) and a worker thread releases
// one level of it, thinking it is finishing the nested section.
#define _GNU_SOURCE
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t rmutex;

static void *finish_nested(void *arg)
{
    (void)arg;
    int rc = pthread_mutex_unlock(&rmutex); // expect: cross-task-exit
    printf("worker unlock returned %d\n", rc);
    return NULL;
}

int main(void)
{
    pthread_mutexattr_t a;
    pthread_t t;

    assert(pthread_mutexattr_init(&a) == 0);
    assert(pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE) == 0);
    assert(pthread_mutex_init(&rmutex, &a) == 0);

    pthread_mutex_lock(&rmutex);
    pthread_mutex_lock(&rmutex);
    pthread_create(&t, NULL, finish_nested, NULL);
    pthread_join(t, NULL);
    pthread_mutex_unlock(&rmutex);
    return 0;
}
