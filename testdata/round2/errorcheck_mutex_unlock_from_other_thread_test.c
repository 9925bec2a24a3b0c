// Test-style program: checks that an error-checking mutex refuses an unlock from a thread
// that does not own it (EPERM). The unlock attempt itself is the cross-thread exit.
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define CHECK(expr)                                                                  \
    do {                                                                             \
        if (!(expr)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #expr); \
            exit(1);                                                                 \
        }                                                                            \
    } while (0)

static pthread_mutex_t m;

static void *try_foreign_unlock(void *arg)
{
    (void)arg;
    int rc = pthread_mutex_unlock(&m); // expect: cross-task-exit
    return (void *)(long)rc;
}

int main(void)
{
    pthread_mutexattr_t attr;
    pthread_t t;
    void *res;

    CHECK(pthread_mutexattr_init(&attr) == 0);
    CHECK(pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK) == 0);
    CHECK(pthread_mutex_init(&m, &attr) == 0);

    CHECK(pthread_mutex_lock(&m) == 0);
    CHECK(pthread_create(&t, NULL, try_foreign_unlock, NULL) == 0);
    CHECK(pthread_join(t, &res) == 0);
    CHECK((long)res == EPERM);
    CHECK(pthread_mutex_unlock(&m) == 0);
    puts("PASS: foreign unlock refused with EPERM");
    return 0;
}
