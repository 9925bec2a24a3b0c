// Worker waits for the mutex with pthread_mutex_timedlock in a loop, logging each ETIMEDOUT,
// and gives up on any other error; after the loop it owns the mutex and unlocks it. main holds
// the mutex for a few milliseconds first.
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t db_mutex = PTHREAD_MUTEX_INITIALIZER;
static int db_rows;

static void *writer(void *arg)
{
    struct timespec ts;
    int rc;

    (void)arg;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 1000000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    while ((rc = pthread_mutex_timedlock(&db_mutex, &ts)) == ETIMEDOUT) {
        fprintf(stderr, "writer: still waiting for the database\n");
        ts.tv_sec++;
    }
    if (rc != 0) {
        fprintf(stderr, "writer: lock failed: %d\n", rc);
        return NULL;
    }
    db_rows++;
    pthread_mutex_unlock(&db_mutex);
    return NULL;
}

int main(void)
{
    pthread_t w;
    struct timespec pause = {0, 3000000};

    pthread_mutex_lock(&db_mutex);
    pthread_create(&w, NULL, writer, NULL);
    nanosleep(&pause, NULL);
    db_rows = 10;
    pthread_mutex_unlock(&db_mutex);
    pthread_join(w, NULL);
    printf("%d rows\n", db_rows);
    return 0;
}
