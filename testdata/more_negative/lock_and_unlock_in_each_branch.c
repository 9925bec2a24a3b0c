// The stats updater takes the lock in either branch of an if and releases it in that same
// branch; main does the same. Nothing is ever unlocked by a thread that did not lock it.
#include <pthread.h>
#include <stdio.h>

struct stats {
    pthread_mutex_t mu;
    long hits, misses;
};

static void stats_record(struct stats *st, int hit)
{
    if (hit) {
        pthread_mutex_lock(&st->mu);
        st->hits++;
        pthread_mutex_unlock(&st->mu);
    } else {
        pthread_mutex_lock(&st->mu);
        st->misses++;
        pthread_mutex_unlock(&st->mu);
    }
}

static void *lookup_thread(void *arg)
{
    struct stats *st = arg;

    for (int i = 0; i < 100; i++)
        stats_record(st, i % 3 != 0);
    return NULL;
}

int main(void)
{
    struct stats st = {.hits = 0, .misses = 0};
    pthread_t tid;

    pthread_mutex_init(&st.mu, NULL);
    if (pthread_create(&tid, NULL, lookup_thread, &st) != 0)
        return 1;
    stats_record(&st, 1);
    pthread_join(tid, NULL);
    printf("hits %ld misses %ld\n", st.hits, st.misses);
    pthread_mutex_destroy(&st.mu);
    return 0;
}
