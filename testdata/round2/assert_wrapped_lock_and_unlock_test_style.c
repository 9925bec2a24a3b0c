// Test-style code that wraps every lock call in assert(): assert(pthread_mutex_lock(&m) == 0)
// and assert(pthread_mutex_unlock(&m) == 0), in the workers and in main (built without
// NDEBUG, so the calls run).
#undef NDEBUG
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int shared;

static void *incr(void *arg)
{
    int n = *(int *)arg;

    for (int i = 0; i < n; i++) {
        assert(pthread_mutex_lock(&m) == 0);
        shared++;
        assert(pthread_mutex_unlock(&m) == 0);
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    int n = 100;

    assert(pthread_create(&t1, NULL, incr, &n) == 0);
    assert(pthread_create(&t2, NULL, incr, &n) == 0);
    assert(pthread_mutex_lock(&m) == 0);
    shared += 1000;
    assert(pthread_mutex_unlock(&m) == 0);
    assert(pthread_join(t1, NULL) == 0);
    assert(pthread_join(t2, NULL) == 0);
    assert(shared == 1200);
    puts("ok");
    return 0;
}
