// C11: main acquires the device mutex with mtx_timedlock and a thrd_create'd worker releases it
// after finishing the transfer main started.
// rules: posix c11
#include <stdio.h>
#include <threads.h>
#include <time.h>

typedef struct {
    mtx_t busy;
    int bytes;
} device_t;

static int finish_transfer(void *arg)
{
    device_t *dev = (device_t *)arg;

    dev->bytes += 512;
    return mtx_unlock(&dev->busy); // expect: cross-task-exit
}

int main(void)
{
    device_t dev = {.bytes = 0};
    struct timespec ts;
    thrd_t t;
    int res;

    mtx_init(&dev.busy, mtx_timed);
    timespec_get(&ts, TIME_UTC);
    ts.tv_sec += 1;
    if (mtx_timedlock(&dev.busy, &ts) != thrd_success)
        return 1;
    dev.bytes = 512;
    thrd_create(&t, finish_transfer, &dev);
    thrd_join(t, &res);
    printf("%d bytes, unlock result %d\n", dev.bytes, res);
    return 0;
}
