// The upload worker locks the upload itself and then finishes through a local function
// pointer whose target, upload_commit(), unlocks it: the same thread locks and unlocks.
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
    pthread_mutex_unlock(&up->mu);
}

static void *upload_committer(void *arg)
{
    struct upload *up = arg;
    void (*finish)(struct upload *) = upload_commit;

    pthread_mutex_lock(&up->mu);
    up->size = 1 << 20;
    finish(up);
    return NULL;
}

int main(void)
{
    struct upload up = {.size = 0};
    pthread_t tid;

    pthread_mutex_init(&up.mu, NULL);
    if (pthread_create(&tid, NULL, upload_committer, &up) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("upload of %ld bytes committed=%d\n", up.size, up.committed);
    pthread_mutex_destroy(&up.mu);
    return 0;
}
