// Copy-paste bug in per-CPU spinlocks: a thread locks the slot it steals from (victim) but
// unlocks its own slot. Thread 0 steals from slot 1 and holds it; thread 1 then "unlocks its
// own slot" (slot 1), releasing the spinlock thread 0 took.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static pthread_spinlock_t slot_lock[2];
static int slot_items[2] = {5, 5};
static sem_t stolen, done;

static void *cpu(void *arg)
{
    int self = (int)(long)arg;
    int victim = 1 - self;

    if (self == 0) {
        pthread_spin_lock(&slot_lock[victim]);
        slot_items[victim]--;
        sem_post(&stolen);
        sem_wait(&done);
    } else {
        sem_wait(&stolen);
        slot_items[self]++;
        pthread_spin_unlock(&slot_lock[self]); // expect-fixme: cross-task-exit {{two threads started from one pthread_create loop run the same entry; instances of one entry are not compared yet}}
        sem_post(&done);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];

    sem_init(&stolen, 0, 0);
    sem_init(&done, 0, 0);
    for (int i = 0; i < 2; i++)
        pthread_spin_init(&slot_lock[i], PTHREAD_PROCESS_PRIVATE);
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, cpu, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("%d %d\n", slot_items[0], slot_items[1]);
    return 0;
}
