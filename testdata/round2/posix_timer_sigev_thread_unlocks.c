// A POSIX timer with SIGEV_THREAD: main locks the session and arms a one-shot timeout; the
// timer's notify function runs in a new thread made by the C library and unlocks the session.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

struct session {
    pthread_mutex_t lock;
    int timed_out;
    sem_t fired;
};

static void session_timeout(union sigval sv)
{
    struct session *s = sv.sival_ptr;

    s->timed_out = 1;
    pthread_mutex_unlock(&s->lock); // expect: cross-task-exit {{pthread mutex 's->lock' is unlocked in thread 'session_timeout' but was locked in thread 'main'}}
    sem_post(&s->fired);
}

int main(void)
{
    struct session s = {.lock = PTHREAD_MUTEX_INITIALIZER};
    struct sigevent sev;
    struct itimerspec its = {.it_value = {.tv_sec = 0, .tv_nsec = 5 * 1000 * 1000}};
    timer_t timer;

    sem_init(&s.fired, 0, 0);
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD;
    sev.sigev_notify_function = session_timeout;
    sev.sigev_value.sival_ptr = &s;
    if (timer_create(CLOCK_MONOTONIC, &sev, &timer) != 0) {
        perror("timer_create");
        return 1;
    }
    pthread_mutex_lock(&s.lock);
    timer_settime(timer, 0, &its, NULL);
    sem_wait(&s.fired);
    timer_delete(timer);
    printf("timed out: %d\n", s.timed_out);
    return 0;
}
