// A watchdog built on a POSIX timer with SIGEV_THREAD notification: main takes the heartbeat
// lock and arms the timer; when it expires, glibc runs the notify function in a new thread,
// which releases the lock main holds (helgrind: "unlocked lock ... currently held by thread #1").
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

    wd->expired = 1;
    pthread_mutex_unlock(&wd->mu); // expect: cross-task-exit {{pthread mutex 'wd->mu' is unlocked in thread 'on_expiry' but was locked in thread 'main'}}
}

int main(void)
{
    static struct watchdog wd = {PTHREAD_MUTEX_INITIALIZER, 0};
    struct sigevent sev;
    struct itimerspec its;
    timer_t timer;

    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = SIGEV_THREAD;
    sev.sigev_notify_function = on_expiry;
    sev.sigev_value.sival_ptr = &wd;
    memset(&its, 0, sizeof(its));
    its.it_value.tv_nsec = 1000000;
    pthread_mutex_lock(&wd.mu);
    if (timer_create(CLOCK_MONOTONIC, &sev, &timer) != 0)
        return 1;
    timer_settime(timer, 0, &its, NULL);
    while (!wd.expired)
        usleep(1000);
    timer_delete(timer);
    return 0;
}
