// Each uv thread locks and unlocks the stats mutex itself; main only reads after joining.
// flags: -std=gnu11 -pthread
// rules: posix libuv
#include <stdio.h>
#include <uv.h>

struct stats {
    uv_mutex_t mu;
    long requests;
};

static void counter_main(void *arg)
{
    struct stats *st = arg;

    for (int i = 0; i < 1000; i++) {
        uv_mutex_lock(&st->mu);
        st->requests++;
        uv_mutex_unlock(&st->mu);
    }
}

int main(void)
{
    struct stats st = {.requests = 0};
    uv_thread_t counters[2];

    if (uv_mutex_init(&st.mu) != 0)
        return 1;
    for (int i = 0; i < 2; i++)
        uv_thread_create(&counters[i], counter_main, &st);
    for (int i = 0; i < 2; i++)
        uv_thread_join(&counters[i]);
    printf("%ld requests\n", st.requests);
    uv_mutex_destroy(&st.mu);
    return 0;
}
