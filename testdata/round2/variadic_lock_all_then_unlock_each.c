// lock_all(n, ...) locks several mutexes read with va_arg, in the order given; the caller then
// unlocks each one by name. The worker and main both use it on the same pair of locks, always
// in the same order.
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

static pthread_mutex_t src_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t dst_mu = PTHREAD_MUTEX_INITIALIZER;
static int src = 100, dst;

static void lock_all(int n, ...)
{
    va_list ap;

    va_start(ap, n);
    for (int i = 0; i < n; i++)
        pthread_mutex_lock(va_arg(ap, pthread_mutex_t *));
    va_end(ap);
}

static void *mover(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10; i++) {
        lock_all(2, &src_mu, &dst_mu);
        src--;
        dst++;
        pthread_mutex_unlock(&dst_mu);
        pthread_mutex_unlock(&src_mu);
    }
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, mover, NULL);
    lock_all(2, &src_mu, &dst_mu);
    printf("in flight: src=%d dst=%d\n", src, dst);
    pthread_mutex_unlock(&dst_mu);
    pthread_mutex_unlock(&src_mu);
    pthread_join(t, NULL);
    printf("src=%d dst=%d\n", src, dst);
    return 0;
}
