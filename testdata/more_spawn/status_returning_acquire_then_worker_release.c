// device_open() locks the device and returns 0 on success; main checks the status and hands
// the device to the I/O thread, whose device_close() unlocks it.
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

struct device {
    pthread_mutex_t mu;
    int open_count;
    int broken;
};

static int device_open(struct device *dev)
{
    if (dev->broken)
        return -EIO;
    pthread_mutex_lock(&dev->mu);
    dev->open_count++;
    return 0;
}

static void device_close(struct device *dev)
{
    dev->open_count--;
    pthread_mutex_unlock(&dev->mu); // expect: cross-task-exit
}

static void *io_thread(void *arg)
{
    struct device *dev = arg;

    printf("doing I/O, open_count=%d\n", dev->open_count);
    device_close(dev);
    return NULL;
}

int main(void)
{
    struct device dev = {.open_count = 0, .broken = 0};
    pthread_t tid;

    pthread_mutex_init(&dev.mu, NULL);
    if (device_open(&dev) != 0)
        return 1;
    if (pthread_create(&tid, NULL, io_thread, &dev) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
