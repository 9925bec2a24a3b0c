// Main acquires the journal lock with pthread_mutex_timedlock and the writer thread unlocks it.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <time.h>

struct journal {
    pthread_mutex_t mu;
    int records;
};

static void *journal_writer(void *arg)
{
    struct journal *jr = arg;

    jr->records++;
    pthread_mutex_unlock(&jr->mu); // expect: cross-task-exit {{'jr->mu'}}
    return NULL;
}

int main(void)
{
    struct journal jr = {.records = 0};
    struct timespec deadline;
    pthread_t tid;

    pthread_mutex_init(&jr.mu, NULL);
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 1;
    if (pthread_mutex_timedlock(&jr.mu, &deadline) != 0)
        return 1;
    if (pthread_create(&tid, NULL, journal_writer, &jr) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%d records\n", jr.records);
    pthread_mutex_destroy(&jr.mu);
    return 0;
}
