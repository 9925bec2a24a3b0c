// unlock_all(n, ...) unlocks each pthread_mutex_t * among its variadic arguments. Main locks
// the order and the invoice; the billing thread releases both through unlock_all.
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

struct order {
    pthread_mutex_t mu;
    int qty;
};

struct invoice {
    pthread_mutex_t mu;
    long cents;
};

struct billing_job {
    struct order *order;
    struct invoice *invoice;
};

static void unlock_all(int n, ...)
{
    va_list ap;

    va_start(ap, n);
    for (int i = 0; i < n; i++)
        pthread_mutex_unlock(va_arg(ap, pthread_mutex_t *)); // expect-fixme: cross-task-exit {{va_arg values are not tied to the variadic arguments yet}}
    va_end(ap);
}

static void *billing_thread(void *arg)
{
    struct billing_job *job = arg;

    job->invoice->cents = job->order->qty * 250L;
    unlock_all(2, &job->order->mu, &job->invoice->mu);
    return NULL;
}

int main(void)
{
    struct order order = {.qty = 4};
    struct invoice invoice = {.cents = 0};
    struct billing_job job = {&order, &invoice};
    pthread_t tid;

    pthread_mutex_init(&order.mu, NULL);
    pthread_mutex_init(&invoice.mu, NULL);
    pthread_mutex_lock(&order.mu);
    pthread_mutex_lock(&invoice.mu);
    if (pthread_create(&tid, NULL, billing_thread, &job) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("invoice %ld cents\n", invoice.cents);
    return 0;
}
