/* The reporter thread once unlocked a mutex that main had locked, and the finding was
 * suppressed. The code has since been fixed, but the suppression stayed behind: it hides
 * nothing today, and would silently hide the next real finding on that line. */
#include <pthread.h>
#include <stddef.h>

struct stats {
    pthread_mutex_t mu;
    long requests;
};

static void *reporter_main(void *arg)
{
    struct stats *st = arg;

    pthread_mutex_lock(&st->mu);
    st->requests = 0;
    // NOLINTNEXTLINE(cross-task-exit): main hands the lock over // expect: unused-suppression
    pthread_mutex_unlock(&st->mu);
    return NULL;
}

int main(void)
{
    struct stats st = {.mu = PTHREAD_MUTEX_INITIALIZER, .requests = 0};
    pthread_t reporter;

    if (pthread_create(&reporter, NULL, reporter_main, &st) != 0)
        return 1;
    pthread_join(reporter, NULL);
    return 0;
}
