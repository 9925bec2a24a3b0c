// The compactor's loop releases the lock only when it has taken it earlier in the same
// iteration (a batch is pending); the creator takes the lock before pthread_create and releases
// it itself. Held on the loop's back edge is not enough to call the unlock unmatched: it is
// conditional, not on every time round.
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdbool.h>
#include <unistd.h>

static pthread_mutex_t compact_lock = PTHREAD_MUTEX_INITIALIZER;
static int pending_batches = 3;

static void *compactor_thread(void *arg)
{
    (void)arg;
    for (int round = 0; round < 10; round++) {
        bool batch = false;
        if (round % 2 == 0) {
            pthread_mutex_lock(&compact_lock);
            batch = pending_batches > 0;
            if (!batch)
                pthread_mutex_unlock(&compact_lock);
        }
        if (batch) {
            pending_batches--;
            pthread_mutex_unlock(&compact_lock);
        }
        usleep(1000);
    }
    return NULL;
}

int main(void)
{
    pthread_t tid;

    pthread_mutex_lock(&compact_lock);
    pending_batches = 3;
    pthread_mutex_unlock(&compact_lock);
    if (pthread_create(&tid, NULL, compactor_thread, NULL) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
