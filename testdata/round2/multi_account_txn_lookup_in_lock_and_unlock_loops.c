// A multi-account transaction locks every account it touches in id order, looking each one up
// in the bank's linked list, applies the postings, then looks each account up again to unlock
// it. Tellers and main run transactions; each unlocks exactly what it locked.
#include <pthread.h>
#include <stdio.h>

struct account {
    int id;
    long balance;
    pthread_mutex_t mu;
    struct account *next;
};

static struct account acc3 = {3, 100, PTHREAD_MUTEX_INITIALIZER, NULL};
static struct account acc2 = {2, 100, PTHREAD_MUTEX_INITIALIZER, &acc3};
static struct account acc1 = {1, 100, PTHREAD_MUTEX_INITIALIZER, &acc2};
static struct account *bank = &acc1;

static struct account *lookup(int id)
{
    struct account *a = bank;
    while (a && a->id != id)
        a = a->next;
    return a;
}

/* ids must be sorted; deltas[i] is applied to account ids[i] */
static void post_transaction(const int *ids, const long *deltas, int n)
{
    for (int i = 0; i < n; i++) {
        struct account *a = lookup(ids[i]);
        pthread_mutex_lock(&a->mu);
    }
    for (int i = 0; i < n; i++)
        lookup(ids[i])->balance += deltas[i];
    for (int i = n - 1; i >= 0; i--) {
        struct account *acct = lookup(ids[i]);
        pthread_mutex_unlock(&acct->mu);
    }
}

static void *teller(void *arg)
{
    static const int ids[2] = {1, 3};
    long amount = (long)arg;
    const long deltas[2] = {-amount, amount};

    for (int i = 0; i < 5; i++)
        post_transaction(ids, deltas, 2);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    static const int ids[3] = {1, 2, 3};
    const long fees[3] = {-1, -1, -1};

    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, teller, (void *)(i + 1));
    post_transaction(ids, fees, 3);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("%ld %ld %ld\n", acc1.balance, acc2.balance, acc3.balance);
    return 0;
}
