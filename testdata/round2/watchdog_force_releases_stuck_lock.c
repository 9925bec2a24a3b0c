// A watchdog "recovers" from a stuck task: the task thread holds the device lock; when no
// heartbeat arrives before pthread_cond_timedwait's deadline, the watchdog force-unlocks the
// device lock itself.
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

struct device {
    pthread_mutex_t lock;
    int state;
};

static struct device dev = {PTHREAD_MUTEX_INITIALIZER, 0};
static pthread_mutex_t hb_mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hb_cv = PTHREAD_COND_INITIALIZER;
static int task_started, task_may_exit;

static void *stuck_task(void *arg)
{
    struct device *d = arg;

    pthread_mutex_lock(&d->lock);
    d->state = 1;
    pthread_mutex_lock(&hb_mtx);
    task_started = 1;
    pthread_cond_broadcast(&hb_cv);
    while (!task_may_exit)
        pthread_cond_wait(&hb_cv, &hb_mtx); /* hangs without unlocking d->lock */
    pthread_mutex_unlock(&hb_mtx);
    return NULL;
}

static void *watchdog(void *arg)
{
    struct device *d = arg;
    struct timespec deadline;
    int rc = 0;

    pthread_mutex_lock(&hb_mtx);
    while (!task_started)
        pthread_cond_wait(&hb_cv, &hb_mtx);
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 10 * 1000 * 1000;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    while (rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&hb_cv, &hb_mtx, &deadline);
    fprintf(stderr, "watchdog: device stuck, forcing release\n");
    pthread_mutex_unlock(&d->lock); // expect: cross-task-exit
    task_may_exit = 1;
    pthread_cond_broadcast(&hb_cv);
    pthread_mutex_unlock(&hb_mtx);
    return NULL;
}

int main(void)
{
    pthread_t task, wd;

    pthread_create(&task, NULL, stuck_task, &dev);
    pthread_create(&wd, NULL, watchdog, &dev);
    pthread_join(task, NULL);
    pthread_join(wd, NULL);
    return 0;
}
