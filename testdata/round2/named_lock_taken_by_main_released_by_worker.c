// Named locks again: main takes "orders" through lock_name() and a worker thread releases it
// through unlock_name(), which finds the same entry in the registry and unlocks its mutex.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct named_lock {
    const char *name;
    pthread_mutex_t mu;
    struct named_lock *next;
};

static struct named_lock lk_users = {"users", PTHREAD_MUTEX_INITIALIZER, NULL};
static struct named_lock lk_orders = {"orders", PTHREAD_MUTEX_INITIALIZER, &lk_users};
static struct named_lock *registry = &lk_orders;

static struct named_lock *find(const char *name)
{
    for (struct named_lock *n = registry; n; n = n->next)
        if (strcmp(n->name, name) == 0)
            return n;
    return NULL;
}

static void lock_name(const char *name)
{
    pthread_mutex_lock(&find(name)->mu);
}

static void unlock_name(const char *name)
{
    pthread_mutex_unlock(&find(name)->mu); // expect: cross-task-exit
}

static void *archiver(void *arg)
{
    puts("archiving orders");
    unlock_name(arg);
    return NULL;
}

int main(void)
{
    pthread_t t;

    lock_name("orders");
    pthread_create(&t, NULL, archiver, "orders");
    pthread_join(t, NULL);
    return 0;
}
