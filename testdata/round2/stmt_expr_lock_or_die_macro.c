// LOCK_OR_DIE() is a GNU statement expression that locks and aborts on failure; the matching
// unlock is a plain pthread_mutex_unlock. Worker threads and main both use the pair.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define LOCK_OR_DIE(m)                                                                       \
    __extension__({                                                                          \
        int rc_ = pthread_mutex_lock(m);                                                     \
        if (rc_ != 0) {                                                                      \
            fprintf(stderr, "pthread_mutex_lock: %d\n", rc_);                                \
            abort();                                                                         \
        }                                                                                    \
        rc_;                                                                                 \
    })

static pthread_mutex_t hits_mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned hits;

static void *hitter(void *arg)
{
    (void)arg;
    for (int i = 0; i < 50; i++) {
        LOCK_OR_DIE(&hits_mu);
        hits++;
        pthread_mutex_unlock(&hits_mu);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];

    LOCK_OR_DIE(&hits_mu);
    hits = 1;
    pthread_mutex_unlock(&hits_mu);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, hitter, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("hits = %u\n", hits);
    return 0;
}
