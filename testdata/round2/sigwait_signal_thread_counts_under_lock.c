// Dedicated signal-handling thread: main blocks SIGUSR1 in every thread, a signal thread
// collects it with sigwait and updates a counter under a mutex; main reads it under the mutex.
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static int usr1_count;

static void *signal_thread(void *arg)
{
    sigset_t *set = arg;
    int sig;

    for (int i = 0; i < 3; i++) {
        if (sigwait(set, &sig) != 0)
            break;
        pthread_mutex_lock(&stats_lock);
        usr1_count++;
        pthread_mutex_unlock(&stats_lock);
    }
    return NULL;
}

int main(void)
{
    static sigset_t set;
    pthread_t sig_tid;
    int seen = 0;

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    pthread_create(&sig_tid, NULL, signal_thread, &set);

    while (seen < 3) {
        pthread_mutex_lock(&stats_lock);
        seen = usr1_count;
        pthread_mutex_unlock(&stats_lock);
        if (seen < 3) {
            pthread_kill(sig_tid, SIGUSR1);
            usleep(1000);
        }
    }
    pthread_join(sig_tid, NULL);
    printf("got %d signals\n", seen);
    return 0;
}
