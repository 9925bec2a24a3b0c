// Bank transfer with deadlock-free lock ordering: each teller locks the two accounts in
// address order through `first`/`second` (chosen with ?:) and unlocks them as `from`/`to`.
// The same two locks are taken and dropped in one thread; main transfers the same way.
#include <pthread.h>
#include <stdio.h>

struct account {
    pthread_mutex_t mu;
    long balance;
};

static void transfer(struct account *from, struct account *to, long amount)
{
    struct account *first = from < to ? from : to;
    struct account *second = from < to ? to : from;

    pthread_mutex_lock(&first->mu);
    pthread_mutex_lock(&second->mu);
    from->balance -= amount;
    to->balance += amount;
    pthread_mutex_unlock(&from->mu);
    pthread_mutex_unlock(&to->mu);
}

static struct account g_checking = {PTHREAD_MUTEX_INITIALIZER, 1000};
static struct account g_savings = {PTHREAD_MUTEX_INITIALIZER, 5000};

static void *teller_thread(void *arg)
{
    long amount = *(long *)arg;

    for (int i = 0; i < 10; i++)
        transfer(&g_savings, &g_checking, amount);
    return NULL;
}

int main(void)
{
    pthread_t tid;
    long amount = 25;

    if (pthread_create(&tid, NULL, teller_thread, &amount) != 0)
        return 1;
    for (int i = 0; i < 10; i++)
        transfer(&g_checking, &g_savings, 10);
    pthread_join(tid, NULL);
    printf("checking %ld savings %ld\n", g_checking.balance, g_savings.balance);
    return 0;
}
