// Start line gone wrong: main locks the start mutex, and the last runner to arrive unlocks it
// to "open the gate" for everyone (a mutex used as a one-shot event).
#include <pthread.h>
#include <stdio.h>

#define RUNNERS 3

static pthread_mutex_t start = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_here = PTHREAD_COND_INITIALIZER;
static int arrived;

static void *runner(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&count_lock);
    if (++arrived == RUNNERS) {
        pthread_mutex_unlock(&start); // expect: cross-task-exit
        pthread_cond_broadcast(&all_here);
    }
    while (arrived < RUNNERS)
        pthread_cond_wait(&all_here, &count_lock);
    pthread_mutex_unlock(&count_lock);
    return NULL;
}

int main(void)
{
    pthread_t r[RUNNERS];

    pthread_mutex_lock(&start); /* gate closed */
    for (int i = 0; i < RUNNERS; i++)
        pthread_create(&r[i], NULL, runner, NULL);
    for (int i = 0; i < RUNNERS; i++)
        pthread_join(r[i], NULL);
    puts("race over");
    return 0;
}
