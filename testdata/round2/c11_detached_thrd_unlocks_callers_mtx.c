// C11: a detached thread (thrd_detach) unlocks the mutex its creator locked; the creator waits
// for it with a condition variable on a second mutex.
// rules: posix c11
#include <stdbool.h>
#include <stdio.h>
#include <threads.h>

static mtx_t resource;
static mtx_t done_mtx;
static cnd_t done_cnd;
static bool done;

static int background_release(void *arg)
{
    (void)arg;
    mtx_unlock(&resource); // expect: cross-task-exit
    mtx_lock(&done_mtx);
    done = true;
    cnd_signal(&done_cnd);
    mtx_unlock(&done_mtx);
    return 0;
}

int main(void)
{
    thrd_t t;

    mtx_init(&resource, mtx_plain);
    mtx_init(&done_mtx, mtx_plain);
    cnd_init(&done_cnd);

    mtx_lock(&resource);
    if (thrd_create(&t, background_release, NULL) != thrd_success)
        return 1;
    thrd_detach(t);

    mtx_lock(&done_mtx);
    while (!done)
        cnd_wait(&done_cnd, &done_mtx);
    mtx_unlock(&done_mtx);
    puts("released in background");
    return 0;
}
