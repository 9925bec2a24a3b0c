// main grabs a free slot with acquire_any() (which returns the slot's mutex locked through an
// out-parameter) and hands the pointer to a worker thread, which releases it when done.
#include <pthread.h>
#include <stdio.h>

#define NSLOTS 2

static pthread_mutex_t slot_mtx[NSLOTS] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};

static int acquire_any(pthread_mutex_t **held)
{
    for (;;) {
        for (int i = 0; i < NSLOTS; i++) {
            if (pthread_mutex_trylock(&slot_mtx[i]) == 0) {
                *held = &slot_mtx[i];
                return i;
            }
        }
    }
}

static void *slot_user(void *arg)
{
    pthread_mutex_t *held = arg;

    puts("using the slot main reserved");
    pthread_mutex_unlock(held); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_mutex_t *held;
    pthread_t t;

    int slot = acquire_any(&held);
    printf("reserved slot %d\n", slot);
    pthread_create(&t, NULL, slot_user, held);
    pthread_join(t, NULL);
    return 0;
}
