// The same cast-unlock cleanup idiom used correctly: each worker locks the table itself, pushes
// pthread_mutex_unlock as its cleanup handler and pops it with execute = 1.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static int table[16];

static void *scan_table(void *arg)
{
    long sum = 0;

    (void)arg;
    pthread_mutex_lock(&table_lock);
    pthread_cleanup_push((void (*)(void *))pthread_mutex_unlock, &table_lock);
    for (int i = 0; i < 16; i++)
        sum += table[i];
    pthread_cleanup_pop(1);
    return (void *)sum;
}

int main(void)
{
    pthread_t t[2];
    void *sum;

    pthread_mutex_lock(&table_lock);
    for (int i = 0; i < 16; i++)
        table[i] = i;
    pthread_mutex_unlock(&table_lock);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, scan_table, NULL);
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], &sum);
        printf("sum %ld\n", (long)sum);
    }
    return 0;
}
