// Test harness "lock leak cleanup": each worker locks its own slot lock and returns without
// unlocking it; after joining, main releases every slot lock in a loop - locks it never took.
#include <pthread.h>
#include <stdio.h>

#define NW 3

static pthread_mutex_t slot_lock[NW];
static int slot_data[NW];

static void *fill_slot(void *arg)
{
    int i = *(int *)arg;

    pthread_mutex_lock(&slot_lock[i]);
    slot_data[i] = i * 100;
    return NULL; /* oops: still holding slot_lock[i] */
}

int main(void)
{
    pthread_t t[NW];
    int idx[NW];

    for (int i = 0; i < NW; i++) {
        pthread_mutex_init(&slot_lock[i], NULL);
        idx[i] = i;
        pthread_create(&t[i], NULL, fill_slot, &idx[i]);
    }
    for (int i = 0; i < NW; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < NW; i++) {
        printf("slot %d = %d\n", i, slot_data[i]);
        pthread_mutex_unlock(&slot_lock[i]); // expect: cross-task-exit
    }
    return 0;
}
