// C11 threads mailbox: the sender and the receiver each lock box->mu, wait on a cnd_t and
// unlock in the same thread.
// rules: posix c11
#include <stdio.h>
#include <threads.h>

struct mailbox {
    mtx_t mu;
    cnd_t changed;
    int full;
    int message;
};

static int receiver(void *arg)
{
    struct mailbox *box = arg;
    int msg;

    mtx_lock(&box->mu);
    while (!box->full)
        cnd_wait(&box->changed, &box->mu);
    msg = box->message;
    box->full = 0;
    cnd_signal(&box->changed);
    mtx_unlock(&box->mu);
    printf("received %d\n", msg);
    return 0;
}

int main(void)
{
    struct mailbox box = {.full = 0};
    thrd_t tid;

    mtx_init(&box.mu, mtx_plain);
    cnd_init(&box.changed);
    if (thrd_create(&tid, receiver, &box) != thrd_success)
        return 1;
    mtx_lock(&box.mu);
    box.message = 99;
    box.full = 1;
    cnd_signal(&box.changed);
    while (box.full)
        cnd_wait(&box.changed, &box.mu);
    mtx_unlock(&box.mu);
    thrd_join(tid, NULL);
    cnd_destroy(&box.changed);
    mtx_destroy(&box.mu);
    return 0;
}
