// Recursive mutex set with pthread_mutexattr_settype: a public function locks the mutex and
// calls another public function that locks it again; each thread unlocks twice.
#define _XOPEN_SOURCE 700
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t inventory_mutex;
static int stock[4];

static int stock_total(void)
{
    int sum = 0;

    pthread_mutex_lock(&inventory_mutex);
    for (int i = 0; i < 4; i++)
        sum += stock[i];
    pthread_mutex_unlock(&inventory_mutex);
    return sum;
}

static void restock_if_low(int item)
{
    pthread_mutex_lock(&inventory_mutex);
    if (stock_total() < 10) /* locks inventory_mutex a second time */
        stock[item] += 5;
    pthread_mutex_unlock(&inventory_mutex);
}

static void *clerk(void *arg)
{
    int item = (int)(long)arg;

    for (int i = 0; i < 5; i++)
        restock_if_low(item);
    return NULL;
}

int main(void)
{
    pthread_mutexattr_t attr;
    pthread_t clerks[2];

    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&inventory_mutex, &attr);
    pthread_mutexattr_destroy(&attr);

    pthread_create(&clerks[0], NULL, clerk, (void *)0L);
    pthread_create(&clerks[1], NULL, clerk, (void *)2L);
    pthread_join(clerks[0], NULL);
    pthread_join(clerks[1], NULL);
    printf("total stock %d\n", stock_total());
    pthread_mutex_destroy(&inventory_mutex);
    return 0;
}
