// Logger ring of void * records: a thread enqueues a "release after logging" record holding a
// pointer to a mutex it has locked; the logger thread unlocks that mutex after writing.
#include <pthread.h>
#include <stdio.h>

#define SLOTS 4

static void *ring[SLOTS];
static int ring_count;
static pthread_mutex_t ring_mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ring_cv = PTHREAD_COND_INITIALIZER;

static pthread_mutex_t file_mtx = PTHREAD_MUTEX_INITIALIZER;

static void ring_put(void *rec)
{
    pthread_mutex_lock(&ring_mtx);
    ring[ring_count++] = rec;
    pthread_cond_signal(&ring_cv);
    pthread_mutex_unlock(&ring_mtx);
}

static void *ring_get(void)
{
    void *rec;

    pthread_mutex_lock(&ring_mtx);
    while (ring_count == 0)
        pthread_cond_wait(&ring_cv, &ring_mtx);
    rec = ring[--ring_count];
    pthread_mutex_unlock(&ring_mtx);
    return rec;
}

static void *logger_main(void *arg)
{
    (void)arg;
    void *rec = ring_get();
    fputs("log file rotated\n", stdout);
    pthread_mutex_unlock((pthread_mutex_t *)rec); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t logger;

    pthread_create(&logger, NULL, logger_main, NULL);
    pthread_mutex_lock(&file_mtx); /* rotate the log file under file_mtx */
    ring_put(&file_mtx);
    pthread_join(logger, NULL);
    return 0;
}
