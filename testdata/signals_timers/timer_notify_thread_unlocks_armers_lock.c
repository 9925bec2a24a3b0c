// A watchdog is armed by arm_watchdog(), which fills a struct sigevent with designated
// initializers (SIGEV_THREAD, the watchdog in sigev_value) and starts a one-shot timer while
// the caller holds the watchdog's lock; the expiry function runs in a new thread and unlocks it
// (helgrind: unlocked lock held by other thread). The heartbeat timer's function locks and
// unlocks its own counter lock: silent.
// flags: -std=gnu11 -pthread
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

struct watchdog {
    pthread_mutex_t lock;
    timer_t timer;
    int fired;
};

static pthread_mutex_t beat_lock = PTHREAD_MUTEX_INITIALIZER;
static int beats;

static void watchdog_expired(union sigval v)
{
    struct watchdog *wd = v.sival_ptr;

    wd->fired = 1;
    pthread_mutex_unlock(&wd->lock); // expect: cross-task-exit {{pthread mutex 'wd->lock' is unlocked in thread 'watchdog_expired' but was locked in thread 'main'}}
}

static void heartbeat(union sigval v)
{
    (void)v;
    pthread_mutex_lock(&beat_lock);
    beats++;
    pthread_mutex_unlock(&beat_lock);
}

static int start_timer(void (*fn)(union sigval), void *data, timer_t *out, long ms)
{
    struct sigevent sev = {
        .sigev_notify = SIGEV_THREAD,
        .sigev_notify_function = fn,
        .sigev_value = {.sival_ptr = data},
    };
    struct itimerspec its = {.it_value = {.tv_sec = 0, .tv_nsec = ms * 1000000L}};

    if (timer_create(CLOCK_MONOTONIC, &sev, out) != 0)
        return -1;
    return timer_settime(*out, 0, &its, NULL);
}

static void arm_watchdog(struct watchdog *wd)
{
    start_timer(watchdog_expired, wd, &wd->timer, 10);
}

int main(void)
{
    struct watchdog wd = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
    timer_t hb;

    start_timer(heartbeat, NULL, &hb, 5);
    pthread_mutex_lock(&wd.lock);
    arm_watchdog(&wd);
    usleep(50000);
    printf("fired %d beats %d\n", wd.fired, beats);
    return 0;
}
