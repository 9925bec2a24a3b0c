// OSTEP-style wrappers (Pthread_mutex_lock asserts the return code) around a shared counter;
// two threads and main all increment under the lock through the wrappers.
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

void Pthread_mutex_lock(pthread_mutex_t *m)
{
    int rc = pthread_mutex_lock(m);
    assert(rc == 0);
}

void Pthread_mutex_unlock(pthread_mutex_t *m)
{
    int rc = pthread_mutex_unlock(m);
    assert(rc == 0);
}

void Pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*start_routine)(void *),
                    void *arg)
{
    int rc = pthread_create(t, attr, start_routine, arg);
    assert(rc == 0);
}

void Pthread_join(pthread_t thread, void **value_ptr)
{
    int rc = pthread_join(thread, value_ptr);
    assert(rc == 0);
}

static volatile int counter = 0;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void *mythread(void *arg)
{
    printf("%s: begin\n", (char *)arg);
    for (int i = 0; i < 1000; i++) {
        Pthread_mutex_lock(&lock);
        counter = counter + 1;
        Pthread_mutex_unlock(&lock);
    }
    printf("%s: done\n", (char *)arg);
    return NULL;
}

int main(int argc, char *argv[])
{
    pthread_t p1, p2;

    (void)argc;
    (void)argv;
    Pthread_mutex_lock(&lock);
    printf("main: begin (counter = %d)\n", counter);
    Pthread_mutex_unlock(&lock);
    Pthread_create(&p1, NULL, mythread, "A");
    Pthread_create(&p2, NULL, mythread, "B");
    Pthread_join(p1, NULL);
    Pthread_join(p2, NULL);
    printf("main: done with both (counter = %d)\n", counter);
    return 0;
}
