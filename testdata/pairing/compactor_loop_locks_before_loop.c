// The compactor thread takes the lock before its loop, then releases it at the top of each
// iteration and takes it again at the bottom (memcached's compactor is written this way): every
// unlock matches a lock of the same thread. The creator does not touch the lock.
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <unistd.h>

static pthread_mutex_t compact_lock = PTHREAD_MUTEX_INITIALIZER;
static int compact_runs;

static void *compactor_thread(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&compact_lock);
    for (;;) {
        pthread_mutex_unlock(&compact_lock);
        usleep(1000);
        pthread_mutex_lock(&compact_lock);
        compact_runs++;
    }
    return NULL;
}

int start_compactor(void)
{
    pthread_t tid;

    return pthread_create(&tid, NULL, compactor_thread, NULL);
}

int main(void)
{
    if (start_compactor() != 0)
        return 1;
    sleep(1);
    return 0;
}
