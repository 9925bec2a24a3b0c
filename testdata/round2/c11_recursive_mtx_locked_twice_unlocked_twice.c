// C11 recursive mutex (mtx_plain | mtx_recursive): each worker locks it twice in a row and
// unlocks it twice, all in the same thread; main also locks it to read the total.
// rules: posix c11
#include <stdio.h>
#include <threads.h>

static mtx_t journal_mtx;
static int entries;

static int journal_writer(void *arg)
{
    int n = *(int *)arg;

    for (int i = 0; i < n; i++) {
        mtx_lock(&journal_mtx);
        mtx_lock(&journal_mtx); /* nested: begin record, then begin field */
        entries++;
        mtx_unlock(&journal_mtx);
        mtx_unlock(&journal_mtx);
    }
    return 0;
}

int main(void)
{
    thrd_t w[2];
    int n = 5;

    if (mtx_init(&journal_mtx, mtx_plain | mtx_recursive) != thrd_success)
        return 1;
    for (int i = 0; i < 2; i++)
        thrd_create(&w[i], journal_writer, &n);
    for (int i = 0; i < 2; i++)
        thrd_join(w[i], NULL);
    mtx_lock(&journal_mtx);
    printf("%d entries\n", entries);
    mtx_unlock(&journal_mtx);
    mtx_destroy(&journal_mtx);
    return 0;
}
