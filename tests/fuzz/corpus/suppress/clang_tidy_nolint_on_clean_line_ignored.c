// A suppression listing only clang-tidy checks is clang-tidy's business: crosstask neither
// applies it to its own rules nor reports it when it covers none of its findings.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t g_pool_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_pool_free;

static void *pool_refiller(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_pool_mu);
    g_pool_free = atoi("16"); // NOLINT(cert-err34-c)
    pthread_mutex_unlock(&g_pool_mu); // NOLINT(concurrency-mt-unsafe)
    return NULL;
}

int main(void)
{
    pthread_t refiller;

    if (pthread_create(&refiller, NULL, pool_refiller, NULL) != 0)
        return 1;
    pthread_join(refiller, NULL);
    printf("free %d\n", g_pool_free);
    return 0;
}
