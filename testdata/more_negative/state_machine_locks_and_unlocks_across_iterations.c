// The flusher runs a small state machine in a loop: the ACQUIRE state locks the journal,
// WRITE appends, RELEASE unlocks. Lock and unlock are in different cases and different loop
// iterations, but always in the flusher thread. Main takes the lock on its own, too.
#include <pthread.h>
#include <stdio.h>

enum flush_state { ACQUIRE, WRITE, RELEASE, DONE };

static pthread_mutex_t g_journal_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_journal_len;

static void *flusher_thread(void *arg)
{
    enum flush_state st = ACQUIRE;
    int rounds = *(int *)arg;

    while (st != DONE) {
        switch (st) {
        case ACQUIRE:
            pthread_mutex_lock(&g_journal_mu);
            st = WRITE;
            break;
        case WRITE:
            g_journal_len += 8;
            st = RELEASE;
            break;
        case RELEASE:
            pthread_mutex_unlock(&g_journal_mu);
            st = --rounds > 0 ? ACQUIRE : DONE;
            break;
        case DONE:
            break;
        }
    }
    return NULL;
}

int main(void)
{
    pthread_t tid;
    int rounds = 3;

    pthread_mutex_lock(&g_journal_mu);
    g_journal_len = 0;
    pthread_mutex_unlock(&g_journal_mu);
    if (pthread_create(&tid, NULL, flusher_thread, &rounds) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("journal length %d\n", g_journal_len);
    return 0;
}
