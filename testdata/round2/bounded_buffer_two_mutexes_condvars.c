// Bounded buffer with two condition variables and two mutexes: buf_mutex guards the slots and
// stats_mutex guards the statistics. Producers and consumers each lock and unlock both.
#include <pthread.h>
#include <stdio.h>

#define BUFSIZE 4
#define ITEMS 20

int buffer[BUFSIZE];
int in = 0, out = 0, count = 0;
long produced_total = 0, consumed_total = 0;

pthread_mutex_t buf_mutex = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t stats_mutex = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;

void *producer(void *arg)
{
    (void)arg;
    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&buf_mutex);
        while (count == BUFSIZE)
            pthread_cond_wait(&not_full, &buf_mutex);
        buffer[in] = i;
        in = (in + 1) % BUFSIZE;
        count++;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&buf_mutex);

        pthread_mutex_lock(&stats_mutex);
        produced_total += i;
        pthread_mutex_unlock(&stats_mutex);
    }
    return NULL;
}

void *consumer(void *arg)
{
    (void)arg;
    for (int i = 0; i < ITEMS; i++) {
        int item;

        pthread_mutex_lock(&buf_mutex);
        while (count == 0)
            pthread_cond_wait(&not_empty, &buf_mutex);
        item = buffer[out];
        out = (out + 1) % BUFSIZE;
        count--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&buf_mutex);

        pthread_mutex_lock(&stats_mutex);
        consumed_total += item;
        pthread_mutex_unlock(&stats_mutex);
    }
    return NULL;
}

int main(void)
{
    pthread_t prod, cons;

    pthread_create(&prod, NULL, producer, NULL);
    pthread_create(&cons, NULL, consumer, NULL);
    pthread_join(prod, NULL);
    pthread_join(cons, NULL);
    printf("produced %ld consumed %ld\n", produced_total, consumed_total);
    return 0;
}
