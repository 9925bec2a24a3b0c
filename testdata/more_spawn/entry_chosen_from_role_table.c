// Thread entries are picked from a role table indexed by role; main locks the shared
// inventory and starts the ROLE_SHIPPER entry, which unlocks it.
#include <pthread.h>
#include <stdio.h>

enum role { ROLE_PICKER, ROLE_SHIPPER, ROLE_COUNT };

struct inventory {
    pthread_mutex_t mu;
    int on_hand;
};

static void *picker_main(void *arg)
{
    struct inventory *inv = arg;

    printf("picker sees %d\n", inv->on_hand);
    return NULL;
}

static void *shipper_main(void *arg)
{
    struct inventory *inv = arg;

    inv->on_hand -= 3;
    pthread_mutex_unlock(&inv->mu); // expect: cross-task-exit
    return NULL;
}

static void *(*const g_role_entry[ROLE_COUNT])(void *) = {
    [ROLE_PICKER] = picker_main,
    [ROLE_SHIPPER] = shipper_main,
};

int main(void)
{
    struct inventory inv = {.on_hand = 10};
    enum role role = ROLE_SHIPPER;
    pthread_t tid;

    pthread_mutex_init(&inv.mu, NULL);
    pthread_mutex_lock(&inv.mu);
    if (pthread_create(&tid, NULL, g_role_entry[role], &inv) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("on hand %d\n", inv.on_hand);
    return 0;
}
