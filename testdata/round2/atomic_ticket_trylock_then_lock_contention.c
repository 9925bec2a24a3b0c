// Atomics mixed with a lock: tickets come from an atomic counter without any lock, while the
// shared histogram is updated under a mutex; a try-first fast path counts contention with an
// atomic before falling back to a blocking lock.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_uint next_ticket;
static atomic_uint contended;
static pthread_mutex_t hist_mutex = PTHREAD_MUTEX_INITIALIZER;
static unsigned histogram[8];

static void record(unsigned ticket)
{
    if (pthread_mutex_trylock(&hist_mutex) != 0) {
        atomic_fetch_add_explicit(&contended, 1, memory_order_relaxed);
        pthread_mutex_lock(&hist_mutex);
    }
    histogram[ticket % 8]++;
    pthread_mutex_unlock(&hist_mutex);
}

static void *ticket_taker(void *arg)
{
    int n = (int)(long)arg;

    for (int i = 0; i < n; i++)
        record(atomic_fetch_add(&next_ticket, 1));
    return NULL;
}

int main(void)
{
    pthread_t t[4];

    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, ticket_taker, (void *)(10 * (i + 1)));
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    printf("%u tickets, %u contended\n", atomic_load(&next_ticket), atomic_load(&contended));
    for (int i = 0; i < 8; i++)
        printf("bucket %d: %u\n", i, histogram[i]);
    return 0;
}
