// Textbook bank transfer: each teller thread moves money between two accounts, locking the
// account with the lower id first to avoid deadlock, and unlocks both before returning.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define NUM_ACCOUNTS 4
#define NUM_TELLERS 3
#define TRANSFERS 50

typedef struct {
    int id;
    long balance;
    pthread_mutex_t lock;
} account_t;

static account_t accounts[NUM_ACCOUNTS];

static void transfer(account_t *from, account_t *to, long amount)
{
    account_t *first = from, *second = to;

    if (from == to)
        return;
    if (from->id > to->id) {
        first = to;
        second = from;
    }
    pthread_mutex_lock(&first->lock);
    pthread_mutex_lock(&second->lock);
    if (from->balance >= amount) {
        from->balance -= amount;
        to->balance += amount;
    }
    pthread_mutex_unlock(&second->lock);
    pthread_mutex_unlock(&first->lock);
}

static void *teller(void *arg)
{
    unsigned int seed = (unsigned int)(long)arg;

    for (int i = 0; i < TRANSFERS; i++) {
        int a = rand_r(&seed) % NUM_ACCOUNTS;
        int b = rand_r(&seed) % NUM_ACCOUNTS;
        transfer(&accounts[a], &accounts[b], rand_r(&seed) % 100);
    }
    return NULL;
}

int main(void)
{
    pthread_t tellers[NUM_TELLERS];
    long total = 0;

    for (int i = 0; i < NUM_ACCOUNTS; i++) {
        accounts[i].id = i;
        accounts[i].balance = 1000;
        pthread_mutex_init(&accounts[i].lock, NULL);
    }
    for (long t = 0; t < NUM_TELLERS; t++) {
        int rc = pthread_create(&tellers[t], NULL, teller, (void *)(t + 1));
        if (rc) {
            printf("ERROR; return code from pthread_create() is %d\n", rc);
            exit(-1);
        }
    }
    for (int t = 0; t < NUM_TELLERS; t++)
        pthread_join(tellers[t], NULL);
    for (int i = 0; i < NUM_ACCOUNTS; i++) {
        pthread_mutex_lock(&accounts[i].lock);
        total += accounts[i].balance;
        pthread_mutex_unlock(&accounts[i].lock);
        pthread_mutex_destroy(&accounts[i].lock);
    }
    printf("total = %ld\n", total);
    return 0;
}
