// A timer thread ticks every millisecond and bumps a tick counter under a mutex; main polls
// the counter under the same mutex until enough ticks have passed, then stops the timer.
#define _POSIX_C_SOURCE 199309L
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

typedef struct {
    pthread_mutex_t mutex;
    unsigned ticks;
    bool running;
} timer_state;

static void *timer_thread(void *p)
{
    timer_state *ts = p;
    const struct timespec period = {.tv_sec = 0, .tv_nsec = 1000000};

    for (;;) {
        nanosleep(&period, NULL);
        pthread_mutex_lock(&ts->mutex);
        if (!ts->running) {
            pthread_mutex_unlock(&ts->mutex);
            return NULL;
        }
        ts->ticks++;
        pthread_mutex_unlock(&ts->mutex);
    }
}

int main(void)
{
    timer_state ts = {PTHREAD_MUTEX_INITIALIZER, 0, true};
    pthread_t timer;
    unsigned seen = 0;
    const struct timespec poll = {0, 500000};

    if (pthread_create(&timer, NULL, timer_thread, &ts) != 0) {
        perror("pthread_create");
        return 1;
    }
    while (seen < 5) {
        nanosleep(&poll, NULL);
        pthread_mutex_lock(&ts.mutex);
        seen = ts.ticks;
        pthread_mutex_unlock(&ts.mutex);
    }
    pthread_mutex_lock(&ts.mutex);
    ts.running = false;
    pthread_mutex_unlock(&ts.mutex);
    pthread_join(timer, NULL);
    printf("stopped after %u ticks\n", seen);
    return 0;
}
