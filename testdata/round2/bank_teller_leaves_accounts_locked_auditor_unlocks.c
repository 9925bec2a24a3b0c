// Bank transfer gone wrong: the teller thread locks both accounts (lower id first), moves the
// money and returns without unlocking; main then starts an auditor thread that "closes the
// transfer" by unlocking both account locks, which the teller took.
#include <pthread.h>
#include <stdio.h>

typedef struct {
    int id;
    long balance;
    pthread_mutex_t lock;
} account_t;

static account_t accounts[2] = {
    {0, 500, PTHREAD_MUTEX_INITIALIZER},
    {1, 100, PTHREAD_MUTEX_INITIALIZER},
};

static void *teller(void *arg)
{
    long amount = (long)arg;

    pthread_mutex_lock(&accounts[0].lock);
    pthread_mutex_lock(&accounts[1].lock);
    accounts[0].balance -= amount;
    accounts[1].balance += amount;
    return NULL; /* transfer "still open" */
}

static void *auditor(void *arg)
{
    (void)arg;
    printf("audit: %ld + %ld = %ld\n", accounts[0].balance, accounts[1].balance,
           accounts[0].balance + accounts[1].balance);
    pthread_mutex_unlock(&accounts[1].lock); // expect: cross-task-exit
    pthread_mutex_unlock(&accounts[0].lock); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t t, a;

    pthread_create(&t, NULL, teller, (void *)50L);
    pthread_join(t, NULL);
    pthread_create(&a, NULL, auditor, NULL);
    pthread_join(a, NULL);
    return 0;
}
