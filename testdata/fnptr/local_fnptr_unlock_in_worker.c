// The upload worker picks its finishing step through a local function pointer; the step it
// calls, upload_commit(), unlocks the upload that main locked.
#include <pthread.h>
#include <stdio.h>

struct upload {
    pthread_mutex_t mu;
    long size;
    int committed;
};

static void upload_commit(struct upload *up)
{
    up->committed = 1;
    pthread_mutex_unlock(&up->mu); // expect: cross-task-exit {{'up->mu'}}
}

static void *upload_worker(void *arg)
{
    struct upload *up = arg;
    void (*finish)(struct upload *) = upload_commit;

    up->size = 1 << 20;
    finish(up);
    return NULL;
}

int main(void)
{
    struct upload up = {.size = 0};
    pthread_t tid;

    pthread_mutex_init(&up.mu, NULL);
    pthread_mutex_lock(&up.mu);
    if (pthread_create(&tid, NULL, upload_worker, &up) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("upload of %ld bytes committed=%d\n", up.size, up.committed);
    pthread_mutex_destroy(&up.mu);
    return 0;
}
