// The same account mutex written two ways: locked through a local pointer
// (`acct = &accounts[idx]; pthread_mutex_lock(&acct->mu)`) and unlocked through the array
// element (`pthread_mutex_unlock(&accounts[idx].mu)`), all in one thread. main also locks
// accounts while printing.
#include <pthread.h>
#include <stdio.h>

#define NACCT 3

struct account {
    pthread_mutex_t mu;
    long balance;
};

static struct account accounts[NACCT];

static void deposit(int idx, long amount)
{
    struct account *acct = &accounts[idx];

    pthread_mutex_lock(&acct->mu);
    acct->balance += amount;
    pthread_mutex_unlock(&accounts[idx].mu);
}

static void *depositor(void *arg)
{
    int idx = *(int *)arg;

    for (int i = 0; i < 10; i++)
        deposit(idx, 5);
    return NULL;
}

int main(void)
{
    pthread_t t[NACCT];
    int idx[NACCT];

    for (int i = 0; i < NACCT; i++) {
        pthread_mutex_init(&accounts[i].mu, NULL);
        idx[i] = i;
        pthread_create(&t[i], NULL, depositor, &idx[i]);
    }
    for (int i = 0; i < NACCT; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < NACCT; i++) {
        pthread_mutex_lock(&accounts[i].mu);
        printf("account %d: %ld\n", i, accounts[i].balance);
        pthread_mutex_unlock(&accounts[i].mu);
    }
    return 0;
}
