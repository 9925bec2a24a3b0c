// Main holds the journal lock and raise()s SIGUSR1 on itself: raise() runs the handler
// synchronously in the calling thread, so the handler's unlock is in main, which locked.
// A worker appends to the journal under its own lock.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

static pthread_mutex_t g_journal_mu = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t g_rotated;
static int g_journal_len;

static void on_rotate(int sig)
{
    (void)sig;
    g_rotated = 1;
    pthread_mutex_unlock(&g_journal_mu);
}

static void *append_thread(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_journal_mu);
    g_journal_len += 10;
    pthread_mutex_unlock(&g_journal_mu);
    return NULL;
}

int main(void)
{
    pthread_t tid;

    signal(SIGUSR1, on_rotate);
    if (pthread_create(&tid, NULL, append_thread, NULL) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_lock(&g_journal_mu);
    g_journal_len = 0;
    raise(SIGUSR1);
    printf("rotated=%d len=%d\n", (int)g_rotated, g_journal_len);
    return 0;
}
