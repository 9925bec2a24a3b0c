// The stats reporter gives up when it is not ready or when the trylock fails, and on that path
// unlocks the stats lock anyway: when the trylock failed, the lock is main's.
// helgrind: "unlocked lock ... currently held by thread #1"
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

struct stats {
    pthread_mutex_t mu;
    bool ready;
    long requests;
    long reported;
};

static void *stats_reporter(void *arg)
{
    struct stats *st = arg;

    if (!st->ready || pthread_mutex_trylock(&st->mu) != 0) {
        if (st->ready)
            pthread_mutex_unlock(&st->mu); // expect: cross-task-exit {{'st->mu'}}
        return NULL;
    }
    st->reported = st->requests;
    pthread_mutex_unlock(&st->mu);
    return NULL;
}

int main(void)
{
    struct stats st = {.ready = true, .requests = 10};
    pthread_t tid;

    pthread_mutex_init(&st.mu, NULL);
    pthread_mutex_lock(&st.mu);
    st.requests++;
    if (pthread_create(&tid, NULL, stats_reporter, &st) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_unlock(&st.mu);
    printf("%ld requests, %ld reported\n", st.requests, st.reported);
    pthread_mutex_destroy(&st.mu);
    return 0;
}
