// The counter layer's TAKE_COUNT and RELEASE_COUNT macros are GNU statement expressions; the
// sampler thread and main each take and release the counter lock with them.
#include <pthread.h>
#include <stdio.h>

struct counter {
    pthread_mutex_t mu;
    long hits;
    long sampled;
};

#define TAKE_COUNT(c)                                                                          \
    ({                                                                                         \
        pthread_mutex_lock(&(c)->mu);                                                          \
        (c)->hits;                                                                             \
    })
#define RELEASE_COUNT(c)                                                                       \
    ({                                                                                         \
        long hits_ = (c)->hits;                                                                \
        pthread_mutex_unlock(&(c)->mu);                                                        \
        hits_;                                                                                 \
    })

static void *sampler_thread(void *arg)
{
    struct counter *ctr = arg;
    long seen = TAKE_COUNT(ctr);

    ctr->sampled = seen + RELEASE_COUNT(ctr);
    return NULL;
}

int main(void)
{
    struct counter ctr = {.hits = 7};
    pthread_t tid;
    long before;

    pthread_mutex_init(&ctr.mu, NULL);
    before = TAKE_COUNT(&ctr);
    RELEASE_COUNT(&ctr);
    if (pthread_create(&tid, NULL, sampler_thread, &ctr) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%ld before, %ld sampled\n", before, ctr.sampled);
    return 0;
}
