// Watchdog: a worker kicks a heartbeat counter under a mutex; the watchdog thread waits on a
// condition variable with pthread_cond_timedwait and checks the counter each period.
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t wd_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wd_cond = PTHREAD_COND_INITIALIZER;
static unsigned long heartbeats;
static int stopping;

static void *watchdog(void *arg)
{
    unsigned long last = 0;
    int missed = 0;

    (void)arg;
    pthread_mutex_lock(&wd_mutex);
    while (!stopping) {
        struct timespec deadline;

        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_nsec += 20 * 1000 * 1000;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
        int rc = pthread_cond_timedwait(&wd_cond, &wd_mutex, &deadline);
        if (rc == ETIMEDOUT && heartbeats == last)
            missed++;
        last = heartbeats;
    }
    pthread_mutex_unlock(&wd_mutex);
    printf("watchdog: %d missed periods\n", missed);
    return NULL;
}

static void *busy_worker(void *arg)
{
    struct timespec pause = {0, 2 * 1000 * 1000};

    (void)arg;
    for (int i = 0; i < 10; i++) {
        nanosleep(&pause, NULL);
        pthread_mutex_lock(&wd_mutex);
        heartbeats++;
        pthread_mutex_unlock(&wd_mutex);
    }
    return NULL;
}

int main(void)
{
    pthread_t wd, w;

    pthread_create(&wd, NULL, watchdog, NULL);
    pthread_create(&w, NULL, busy_worker, NULL);
    pthread_join(w, NULL);

    pthread_mutex_lock(&wd_mutex);
    stopping = 1;
    pthread_cond_signal(&wd_cond);
    pthread_mutex_unlock(&wd_mutex);
    pthread_join(wd, NULL);
    return 0;
}
