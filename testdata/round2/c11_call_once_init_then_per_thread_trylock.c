// C11 call_once initialises a table of mutexes; each thread then uses mtx_trylock on its own
// slot and, on thrd_busy, falls back to mtx_lock; it always unlocks its own slot.
// rules: posix c11
#include <stdio.h>
#include <threads.h>

#define SLOTS 4

static once_flag slots_once = ONCE_FLAG_INIT;
static mtx_t slot_mtx[SLOTS];
static int slot_value[SLOTS];

static void init_slots(void)
{
    for (int i = 0; i < SLOTS; i++)
        mtx_init(&slot_mtx[i], mtx_plain);
}

static int slot_worker(void *arg)
{
    int slot = (int)(long)arg % SLOTS;

    call_once(&slots_once, init_slots);
    for (int i = 0; i < 10; i++) {
        switch (mtx_trylock(&slot_mtx[slot])) {
        case thrd_success:
            break;
        case thrd_busy:
            mtx_lock(&slot_mtx[slot]);
            break;
        default:
            return -1;
        }
        slot_value[slot]++;
        mtx_unlock(&slot_mtx[slot]);
    }
    return 0;
}

int main(void)
{
    thrd_t t[SLOTS];

    for (long i = 0; i < SLOTS; i++)
        thrd_create(&t[i], slot_worker, (void *)i);
    for (int i = 0; i < SLOTS; i++)
        thrd_join(t[i], NULL);
    for (int i = 0; i < SLOTS; i++)
        printf("slot %d = %d\n", i, slot_value[i]);
    return 0;
}
