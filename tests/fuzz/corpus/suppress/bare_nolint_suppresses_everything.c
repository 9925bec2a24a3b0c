// A bare suppression (no list) silences every rule on its line, crosstask's included; it is
// never reported as unused, since it may be meant for clang-tidy.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_metrics_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_samples;

static void *metrics_exporter(void *arg)
{
    (void)arg;
    printf("samples %d\n", g_samples); // NOLINT
    pthread_mutex_unlock(&g_metrics_mu); // NOLINT
    return NULL;
}

int main(void)
{
    pthread_t exporter;

    pthread_mutex_lock(&g_metrics_mu);
    g_samples = 10;
    if (pthread_create(&exporter, NULL, metrics_exporter, NULL) != 0)
        return 1;
    pthread_join(exporter, NULL);
    return 0;
}
