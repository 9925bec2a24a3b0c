// The worker now locks and unlocks the mutex itself; the suppression written for the old
// hand-over is left on the unlock line and suppresses nothing, so it is reported.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_session_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_sessions;

static void *session_reaper(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_session_mu);
    g_sessions = 0;
    // expect@+1: unused-suppression {{(cross-task-exit) suppresses nothing; remove it}}
    pthread_mutex_unlock(&g_session_mu); // NOLINT(cross-task-exit)
    return NULL;
}

int main(void)
{
    pthread_t reaper;

    pthread_mutex_lock(&g_session_mu);
    g_sessions = 5;
    pthread_mutex_unlock(&g_session_mu);
    if (pthread_create(&reaper, NULL, session_reaper, NULL) != 0)
        return 1;
    pthread_join(reaper, NULL);
    printf("sessions %d\n", g_sessions);
    return 0;
}
