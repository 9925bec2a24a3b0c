// The common idiom pthread_cleanup_push((void (*)(void *))pthread_mutex_unlock, &m), used in a
// worker that never locked m: pthread_cleanup_pop(1) runs the unlock in the worker while main
// holds the lock.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static int table[16];

static void *scan_table(void *arg)
{
    int sum = 0;

    (void)arg;
    pthread_cleanup_push((void (*)(void *))pthread_mutex_unlock, &table_lock);
    for (int i = 0; i < 16; i++)
        sum += table[i];
    pthread_cleanup_pop(1); // expect: cross-task-exit
    return (void *)(long)sum;
}

int main(void)
{
    pthread_t t;
    void *sum;

    pthread_mutex_lock(&table_lock); /* "lock for the scanner" */
    for (int i = 0; i < 16; i++)
        table[i] = i;
    pthread_create(&t, NULL, scan_table, NULL);
    pthread_join(t, &sum);
    printf("sum %ld\n", (long)sum);
    return 0;
}
