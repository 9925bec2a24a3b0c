// C11 test-style code: MTX_UNLOCK() aborts when mtx_unlock fails. A thrd_create'd checker
// thread uses it on the results mutex that main locked before starting it.
// rules: posix c11
#include <stdio.h>
#include <stdlib.h>
#include <threads.h>

#define MTX_UNLOCK(m)                                                                        \
    do {                                                                                     \
        if (mtx_unlock(m) != thrd_success) {                                                 \
            fputs("mtx_unlock failed\n", stderr);                                            \
            abort();                                                                         \
        }                                                                                    \
    } while (0)

static mtx_t results_mtx;
static int results[4];

static int checker(void *arg)
{
    int *res = arg;
    int bad = 0;

    for (int i = 0; i < 4; i++)
        bad += res[i] < 0;
    MTX_UNLOCK(&results_mtx); // expect: cross-task-exit
    return bad;
}

int main(void)
{
    thrd_t t;
    int bad;

    mtx_init(&results_mtx, mtx_plain);
    mtx_lock(&results_mtx);
    for (int i = 0; i < 4; i++)
        results[i] = i - 1;
    thrd_create(&t, checker, results);
    thrd_join(t, &bad);
    printf("%d bad results\n", bad);
    return 0;
}
