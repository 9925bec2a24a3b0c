// The counter layer's RELEASE_COUNT macro is a GNU statement expression that unlocks and yields
// the count; the sampler thread uses it on the counter lock that main took.
// helgrind: "unlocked lock ... currently held by thread #1"
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

    ctr->sampled = RELEASE_COUNT(ctr); // expect: cross-task-exit {{'ctr->mu'}}
    return NULL;
}

int main(void)
{
    struct counter ctr = {.hits = 7};
    pthread_t tid;
    long before;

    pthread_mutex_init(&ctr.mu, NULL);
    before = TAKE_COUNT(&ctr);
    if (pthread_create(&tid, NULL, sampler_thread, &ctr) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%ld before, %ld sampled\n", before, ctr.sampled);
    return 0;
}
