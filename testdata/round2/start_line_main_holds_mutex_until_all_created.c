// Start line: main locks start_mutex, creates all runners (each blocks locking start_mutex),
// and unlocks it once every thread exists so that they all start together. Each runner
// unlocks the mutex right after getting through.
#include <pthread.h>
#include <stdio.h>

#define RUNNERS 5

pthread_mutex_t start_mutex = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t finish_mutex = PTHREAD_MUTEX_INITIALIZER;
int finish_order[RUNNERS];
int finished = 0;

void *runner(void *arg)
{
    int lane = *(int *)arg;

    pthread_mutex_lock(&start_mutex);   /* wait for the start signal */
    pthread_mutex_unlock(&start_mutex);

    pthread_mutex_lock(&finish_mutex);
    finish_order[finished++] = lane;
    pthread_mutex_unlock(&finish_mutex);
    return NULL;
}

int main(void)
{
    pthread_t runners[RUNNERS];
    int lanes[RUNNERS];
    int i;

    pthread_mutex_lock(&start_mutex);
    for (i = 0; i < RUNNERS; i++) {
        lanes[i] = i + 1;
        pthread_create(&runners[i], NULL, runner, &lanes[i]);
    }
    printf("all %d runners at the line, go!\n", RUNNERS);
    pthread_mutex_unlock(&start_mutex);

    for (i = 0; i < RUNNERS; i++)
        pthread_join(runners[i], NULL);
    for (i = 0; i < RUNNERS; i++)
        printf("%d. lane %d\n", i + 1, finish_order[i]);
    return 0;
}
