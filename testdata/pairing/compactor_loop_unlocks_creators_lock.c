// The compactor thread's loop releases the lock at the top and takes it again at the bottom,
// written as if the thread had taken it before the loop. It did not: the creator takes the lock
// before pthread_create, so the first time round the compactor unlocks the creator's lock
// (helgrind: "unlocked lock ... currently held by thread #1").
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <unistd.h>

static pthread_mutex_t compact_lock = PTHREAD_MUTEX_INITIALIZER;
static int compact_runs;

static void *compactor_thread(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_unlock(&compact_lock); // expect: cross-task-exit
        usleep(1000);
        pthread_mutex_lock(&compact_lock);
        compact_runs++;
    }
    return NULL;
}

int start_compactor(void)
{
    pthread_t tid;

    pthread_mutex_lock(&compact_lock);
    return pthread_create(&tid, NULL, compactor_thread, NULL);
}

int main(void)
{
    if (start_compactor() != 0)
        return 1;
    sleep(1);
    return 0;
}
