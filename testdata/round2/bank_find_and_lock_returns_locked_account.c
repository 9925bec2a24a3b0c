// A bank lookup returns the account with its lock already held ("find and lock"); each teller
// thread unlocks the account it looked up, and main does the same for the audit. Every unlock
// is in the thread whose lookup locked it.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct account {
    char owner[16];
    long cents;
    pthread_mutex_t lock;
};

static struct account bank[3] = {
    {"alice", 500, PTHREAD_MUTEX_INITIALIZER},
    {"bob", 300, PTHREAD_MUTEX_INITIALIZER},
    {"carol", 900, PTHREAD_MUTEX_INITIALIZER},
};

/* Returns the account locked, or NULL. The caller must unlock acct->lock. */
static struct account *bank_find_locked(const char *owner)
{
    for (size_t i = 0; i < sizeof bank / sizeof bank[0]; i++) {
        if (strcmp(bank[i].owner, owner) == 0) {
            pthread_mutex_lock(&bank[i].lock);
            return &bank[i];
        }
    }
    return NULL;
}

static void *deposit_thread(void *arg)
{
    const char *who = arg;

    for (int i = 0; i < 10; i++) {
        struct account *acct = bank_find_locked(who);
        if (acct == NULL)
            return NULL;
        acct->cents += 10;
        pthread_mutex_unlock(&acct->lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    const char *names[] = {"alice", "bob", "carol"};

    pthread_create(&t1, NULL, deposit_thread, "alice");
    pthread_create(&t2, NULL, deposit_thread, "carol");

    struct account *audit = bank_find_locked("bob");
    if (audit) {
        printf("bob has %ld\n", audit->cents);
        pthread_mutex_unlock(&audit->lock);
    }

    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    for (int i = 0; i < 3; i++) {
        struct account *a = bank_find_locked(names[i]);
        printf("%s: %ld\n", a->owner, a->cents);
        pthread_mutex_unlock(&a->lock);
    }
    return 0;
}
