// The release operation is kept in a global function pointer initialised to
// pthread_mutex_unlock (so tests can swap it); the worker calls it on the lock main holds.
#include <pthread.h>
#include <stdio.h>

static int (*release_lock)(pthread_mutex_t *) = pthread_mutex_unlock;
static pthread_mutex_t journal_lock = PTHREAD_MUTEX_INITIALIZER;
static int journal_len;

static void *flusher(void *arg)
{
    (void)arg;
    journal_len = 0;
    release_lock(&journal_lock); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_mutex_lock(&journal_lock);
    journal_len = 42;
    pthread_create(&t, NULL, flusher, NULL);
    pthread_join(t, NULL);
    printf("journal length %d\n", journal_len);
    return 0;
}
