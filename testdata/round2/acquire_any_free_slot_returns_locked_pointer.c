// acquire_any() walks a table of slots with trylock and returns a pointer to the first slot
// it managed to lock (through a pthread_mutex_t ** out-parameter). Each caller, worker or main,
// unlocks the pointer it got back.
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

#define NSLOTS 3

static pthread_mutex_t slot_mtx[NSLOTS] = {
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};
static int slot_use[NSLOTS];

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

static void *user(void *arg)
{
    pthread_mutex_t *mine = NULL;

    (void)arg;
    for (int k = 0; k < 10; k++) {
        int slot = acquire_any(&mine);
        slot_use[slot]++;
        pthread_mutex_unlock(mine);
    }
    return NULL;
}

int main(void)
{
    pthread_t u[3];
    pthread_mutex_t *mine;

    for (int i = 0; i < 3; i++)
        pthread_create(&u[i], NULL, user, NULL);
    int slot = acquire_any(&mine);
    slot_use[slot]++;
    pthread_mutex_unlock(mine);
    for (int i = 0; i < 3; i++)
        pthread_join(u[i], NULL);
    printf("%d %d %d\n", slot_use[0], slot_use[1], slot_use[2]);
    return 0;
}
