// Lock striping: a key's stripe index is computed by stripe_of(key) at lock time and computed
// again at unlock time; every thread locks and unlocks the stripe of the key it is updating.
#include <pthread.h>
#include <stdio.h>

#define NSTRIPES 4
#define NKEYS 32

static pthread_mutex_t stripes[NSTRIPES];
static int values[NKEYS];

static unsigned stripe_of(unsigned key)
{
    key ^= key >> 3;
    key *= 0x9e3779b1u;
    return key % NSTRIPES;
}

static void increment(unsigned key)
{
    pthread_mutex_lock(&stripes[stripe_of(key)]);
    values[key % NKEYS]++;
    pthread_mutex_unlock(&stripes[stripe_of(key)]);
}

static void *updater(void *arg)
{
    unsigned start = *(unsigned *)arg;

    for (unsigned k = start; k < start + 100; k++)
        increment(k);
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    unsigned starts[3] = {0, 7, 19};
    int sum = 0;

    for (int i = 0; i < NSTRIPES; i++)
        pthread_mutex_init(&stripes[i], NULL);
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, updater, &starts[i]);
    increment(5);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    for (unsigned k = 0; k < NKEYS; k++) {
        pthread_mutex_lock(&stripes[stripe_of(k)]);
        sum += values[k];
        pthread_mutex_unlock(&stripes[stripe_of(k)]);
    }
    printf("sum = %d\n", sum);
    return 0;
}
