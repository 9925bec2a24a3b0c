// The import worker locks the catalog, and every error path jumps to a single `out:` label
// that unlocks it. Main locks and unlocks the catalog too, but only its own acquisition.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t g_catalog_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_catalog_size;

static int import_batch(int nrecords)
{
    int rc = -1;
    int *buf;

    pthread_mutex_lock(&g_catalog_mu);
    if (nrecords <= 0)
        goto out;
    buf = malloc(sizeof(int) * (size_t)nrecords);
    if (!buf)
        goto out;
    for (int i = 0; i < nrecords; i++)
        buf[i] = i;
    g_catalog_size += nrecords;
    free(buf);
    rc = 0;
out:
    pthread_mutex_unlock(&g_catalog_mu);
    return rc;
}

static void *import_worker(void *arg)
{
    int *n = arg;

    if (import_batch(*n) != 0)
        fprintf(stderr, "import failed\n");
    import_batch(0);
    return NULL;
}

int main(void)
{
    pthread_t tid;
    int n = 50;

    if (pthread_create(&tid, NULL, import_worker, &n) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_lock(&g_catalog_mu);
    printf("catalog has %d records\n", g_catalog_size);
    pthread_mutex_unlock(&g_catalog_mu);
    return 0;
}
