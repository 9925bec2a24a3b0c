// The fixed watchdog: the SIGEV_THREAD notify function takes and releases the heartbeat lock
// itself, and main does the same around its read. Silent.
// flags: -std=gnu11 -pthread
// rules: posix libc
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct watchdog {
    pthread_mutex_t mu;
    int expired;
};

static void on_expiry(union sigval sv)
{
    struct watchdog *wd = sv.sival_ptr;

    pthread_mutex_lock(&wd->mu);
    wd->expired = 1;
    pthread_mutex_unlock(&wd->mu);
}

int main(void)
{
    static struct watchdog wd = {PTHREAD_MUTEX_INITIALIZER, 0};
    struct sigevent sev;
    struct itimerspec its;
    timer_t timer;
    int done = 0;

    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_THREAD;
    sev.sigev_notify_function = on_expiry;
    sev.sigev_value.sival_ptr = &wd;
    memset(&its, 0, sizeof(its));
    its.it_value.tv_nsec = 1000000;
    if (timer_create(CLOCK_MONOTONIC, &sev, &timer) != 0)
        return 1;
    timer_settime(timer, 0, &its, NULL);
    while (!done) {
        usleep(1000);
        pthread_mutex_lock(&wd.mu);
        done = wd.expired;
        pthread_mutex_unlock(&wd.mu);
    }
    timer_delete(timer);
    return 0;
}
