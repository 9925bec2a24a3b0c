// Per-"CPU" counters with one spinlock each: thread i only ever locks spin[i]; main sums all
// counters by locking each spinlock in turn after the threads are done.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

#define NCPU 4

static pthread_spinlock_t spin[NCPU];
static unsigned long percpu[NCPU];

static void *cpu_worker(void *arg)
{
    int cpu = (int)(long)arg;

    for (int i = 0; i < 1000; i++) {
        pthread_spin_lock(&spin[cpu]);
        percpu[cpu]++;
        pthread_spin_unlock(&spin[cpu]);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[NCPU];
    unsigned long sum = 0;

    for (int i = 0; i < NCPU; i++)
        pthread_spin_init(&spin[i], PTHREAD_PROCESS_PRIVATE);
    for (long i = 0; i < NCPU; i++)
        pthread_create(&t[i], NULL, cpu_worker, (void *)i);
    for (int i = 0; i < NCPU; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < NCPU; i++) {
        pthread_spin_lock(&spin[i]);
        sum += percpu[i];
        pthread_spin_unlock(&spin[i]);
        pthread_spin_destroy(&spin[i]);
    }
    printf("sum = %lu\n", sum);
    return 0;
}
