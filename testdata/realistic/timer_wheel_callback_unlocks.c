// A timer thread fires registered timers (fn, arg) once their tick comes. Main locks the
// lease table and arms a timer whose callback, lease_expire, unlocks it: the callback runs
// on the timer thread.
#include <pthread.h>
#include <stdio.h>

struct timer {
    int due_tick;
    void (*fn)(void *arg);
    void *arg;
};

static struct timer g_timers[4];
static int g_ntimers;

struct lease_table {
    pthread_mutex_t mu;
    int nleases;
};

static void timer_arm(int due_tick, void (*fn)(void *), void *arg)
{
    g_timers[g_ntimers].due_tick = due_tick;
    g_timers[g_ntimers].fn = fn;
    g_timers[g_ntimers].arg = arg;
    g_ntimers++;
}

static void *timer_thread(void *arg)
{
    int last_tick = *(int *)arg;

    for (int tick = 0; tick <= last_tick; tick++) {
        for (int i = 0; i < g_ntimers; i++) {
            if (g_timers[i].due_tick == tick)
                g_timers[i].fn(g_timers[i].arg);
        }
    }
    return NULL;
}

static void lease_expire(void *arg)
{
    struct lease_table *lt = arg;

    lt->nleases = 0;
    pthread_mutex_unlock(&lt->mu); // expect: cross-task-exit
}

static void log_tick(void *arg)
{
    printf("tick: %s\n", (const char *)arg);
}

int main(void)
{
    struct lease_table lt = {.nleases = 3};
    pthread_t tid;
    int last_tick = 5;

    pthread_mutex_init(&lt.mu, NULL);
    pthread_mutex_lock(&lt.mu);
    timer_arm(1, log_tick, "heartbeat");
    timer_arm(3, lease_expire, &lt);
    if (pthread_create(&tid, NULL, timer_thread, &last_tick) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%d leases\n", lt.nleases);
    return 0;
}
