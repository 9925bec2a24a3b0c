// C11 thread-specific storage: each detached thread gets a scratch buffer through tss_t (freed
// by the tss destructor at thread exit) and reports under a mutex; main waits for the reports
// with a condition variable.
// rules: posix c11
#include <stdio.h>
#include <stdlib.h>
#include <threads.h>

static tss_t scratch_key;
static mtx_t report_mtx;
static cnd_t report_cnd;
static int reports;

static char *scratch(void)
{
    char *buf = tss_get(scratch_key);
    if (buf == NULL) {
        buf = malloc(64);
        tss_set(scratch_key, buf);
    }
    return buf;
}

static void report(const char *line)
{
    mtx_lock(&report_mtx);
    puts(line);
    reports++;
    cnd_signal(&report_cnd);
    mtx_unlock(&report_mtx);
}

static int detached_task(void *arg)
{
    char *buf = scratch();

    snprintf(buf, 64, "task %d finished", *(int *)arg);
    report(buf);
    return 0;
}

int main(void)
{
    static int ids[3] = {1, 2, 3};
    thrd_t t;

    tss_create(&scratch_key, free);
    mtx_init(&report_mtx, mtx_plain);
    cnd_init(&report_cnd);
    for (int i = 0; i < 3; i++) {
        if (thrd_create(&t, detached_task, &ids[i]) == thrd_success)
            thrd_detach(t);
    }
    mtx_lock(&report_mtx);
    while (reports < 3)
        cnd_wait(&report_cnd, &report_mtx);
    mtx_unlock(&report_mtx);
    return 0;
}
