// Every path out of account_withdraw() unlocks: the error path returns early after unlocking.
// Tellers in several threads and main call it.
#include <pthread.h>
#include <stdio.h>

struct account {
    pthread_mutex_t mu;
    long balance;
    int rejected;
};

static int account_withdraw(struct account *acct, long amount)
{
    pthread_mutex_lock(&acct->mu);
    if (amount > acct->balance) {
        acct->rejected++;
        pthread_mutex_unlock(&acct->mu);
        return -1;
    }
    acct->balance -= amount;
    pthread_mutex_unlock(&acct->mu);
    return 0;
}

static void *teller_main(void *arg)
{
    struct account *acct = arg;

    for (int i = 0; i < 20; i++)
        account_withdraw(acct, 7);
    return NULL;
}

int main(void)
{
    struct account acct = {.balance = 200};
    pthread_t tellers[2];

    pthread_mutex_init(&acct.mu, NULL);
    for (int i = 0; i < 2; i++) {
        if (pthread_create(&tellers[i], NULL, teller_main, &acct) != 0)
            return 1;
    }
    account_withdraw(&acct, 500);
    for (int i = 0; i < 2; i++)
        pthread_join(tellers[i], NULL);
    printf("balance %ld, %d rejected\n", acct.balance, acct.rejected);
    pthread_mutex_destroy(&acct.mu);
    return 0;
}
