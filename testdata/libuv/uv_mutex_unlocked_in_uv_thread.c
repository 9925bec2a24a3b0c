// A libuv program: main locks the stats mutex with uv_mutex_lock and starts a reporter thread
// with uv_thread_create; the reporter unlocks a mutex it never locked.
// flags: -std=gnu11 -pthread
// rules: posix libuv
#include <stdio.h>
#include <uv.h>

struct stats {
    uv_mutex_t mu;
    long requests;
};

static void reporter_main(void *arg)
{
    struct stats *st = arg;

    printf("%ld requests\n", st->requests);
    uv_mutex_unlock(&st->mu); // expect: cross-task-exit {{uv mutex 'st->mu'}}
}

int main(void)
{
    struct stats st = {.requests = 42};
    uv_thread_t reporter;

    if (uv_mutex_init(&st.mu) != 0)
        return 1;
    uv_mutex_lock(&st.mu); // expect-note: {{locked here}}
    if (uv_thread_create(&reporter, reporter_main, &st) != 0)
        return 1;
    uv_thread_join(&reporter);
    uv_mutex_destroy(&st.mu);
    return 0;
}
