// The account's lock is reached through a getter, account_lock(), that returns a
// pthread_mutex_t *. Main locks through it and the audit thread unlocks through it.
#include <pthread.h>
#include <stdio.h>

typedef struct account {
    pthread_mutex_t mu;
    long cents;
} account_t;

static pthread_mutex_t *account_lock(account_t *a)
{
    return &a->mu;
}

static void *audit_thread(void *arg)
{
    account_t *acct = arg;

    printf("audited balance %ld\n", acct->cents);
    pthread_mutex_unlock(account_lock(acct)); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    account_t acct = {.cents = 12345};
    pthread_t tid;

    pthread_mutex_init(&acct.mu, NULL);
    pthread_mutex_lock(account_lock(&acct));
    if (pthread_create(&tid, NULL, audit_thread, &acct) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_destroy(&acct.mu);
    return 0;
}
