// The writer thread takes the journal lock with a deadline and unlocks it itself; on a
// time-out it does not unlock.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <time.h>

struct journal {
    pthread_mutex_t mu;
    int records;
};

static int journal_append(struct journal *jr)
{
    struct timespec deadline;

    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 1;
    if (pthread_mutex_timedlock(&jr->mu, &deadline) != 0)
        return -1;
    jr->records++;
    pthread_mutex_unlock(&jr->mu);
    return 0;
}

static void *journal_appender(void *arg)
{
    struct journal *jr = arg;

    for (int i = 0; i < 4; i++)
        journal_append(jr);
    return NULL;
}

int main(void)
{
    struct journal jr = {.records = 0};
    pthread_t tid;

    pthread_mutex_init(&jr.mu, NULL);
    if (pthread_create(&tid, NULL, journal_appender, &jr) != 0)
        return 1;
    journal_append(&jr);
    pthread_join(tid, NULL);
    printf("%d records\n", jr.records);
    pthread_mutex_destroy(&jr.mu);
    return 0;
}
