// C11 threads: workers try to get the printer with mtx_timedlock and a 5 ms deadline, retry on
// thrd_timedout, and release it with mtx_unlock in the same thread.
// rules: posix c11
#include <stdio.h>
#include <threads.h>
#include <time.h>

static mtx_t printer;
static int pages_printed;

static int print_job(void *arg)
{
    int pages = *(int *)arg;
    int retries = 0;

    for (;;) {
        struct timespec deadline;
        timespec_get(&deadline, TIME_UTC);
        deadline.tv_nsec += 5000000;
        if (deadline.tv_nsec >= 1000000000) {
            deadline.tv_sec += 1;
            deadline.tv_nsec -= 1000000000;
        }
        int rc = mtx_timedlock(&printer, &deadline);
        if (rc == thrd_success)
            break;
        if (rc != thrd_timedout)
            return -1;
        retries++;
    }
    pages_printed += pages;
    mtx_unlock(&printer);
    return retries;
}

int main(void)
{
    thrd_t jobs[3];
    int pages[3] = {2, 5, 1};

    if (mtx_init(&printer, mtx_timed) != thrd_success)
        return 1;
    for (int i = 0; i < 3; i++)
        thrd_create(&jobs[i], print_job, &pages[i]);
    for (int i = 0; i < 3; i++) {
        int retries;
        thrd_join(jobs[i], &retries);
    }
    printf("%d pages printed\n", pages_printed);
    mtx_destroy(&printer);
    return 0;
}
