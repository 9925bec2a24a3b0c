// Named locks: lock_name()/unlock_name() each look the entry up in a linked registry by its
// name and lock or unlock that entry's mutex. Every thread unlocks the names it locked.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct named_lock {
    const char *name;
    pthread_mutex_t mu;
    int holders;
    struct named_lock *next;
};

static struct named_lock lk_users = {"users", PTHREAD_MUTEX_INITIALIZER, 0, NULL};
static struct named_lock lk_orders = {"orders", PTHREAD_MUTEX_INITIALIZER, 0, &lk_users};
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
    struct named_lock *n = find(name);
    pthread_mutex_lock(&n->mu);
    n->holders++;
}

static void unlock_name(const char *name)
{
    struct named_lock *n = find(name);
    n->holders--;
    pthread_mutex_unlock(&n->mu);
}

static void *order_clerk(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10; i++) {
        lock_name("users");
        lock_name("orders");
        unlock_name("orders");
        unlock_name("users");
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];

    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, order_clerk, NULL);
    lock_name("users");
    puts("main holds users");
    unlock_name("users");
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
