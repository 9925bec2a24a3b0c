// Thread-local storage with __thread: each thread counts events in a thread-local variable and
// periodically flushes the count into a global total under a mutex.
#include <pthread.h>
#include <stdio.h>

static __thread unsigned long local_events;
static __thread int flushes;
static unsigned long global_events;
static pthread_mutex_t global_lock = PTHREAD_MUTEX_INITIALIZER;

static void flush_local(void)
{
    pthread_mutex_lock(&global_lock);
    global_events += local_events;
    pthread_mutex_unlock(&global_lock);
    local_events = 0;
    flushes++;
}

static void *event_source(void *arg)
{
    int n = *(const int *)arg;

    for (int i = 1; i <= n; i++) {
        local_events++;
        if (i % 16 == 0)
            flush_local();
    }
    flush_local();
    return (void *)(long)flushes;
}

int main(void)
{
    pthread_t t[3];
    int counts[3] = {40, 64, 100};

    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, event_source, &counts[i]);
    for (int i = 0; i < 3; i++) {
        void *f;
        pthread_join(t[i], &f);
        printf("thread %d flushed %ld times\n", i, (long)f);
    }
    local_events = 5; /* main's own copy */
    flush_local();
    printf("total %lu\n", global_events);
    return 0;
}
