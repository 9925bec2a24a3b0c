// The suppression text inside a string literal (a trace message) is not a comment, so it
// suppresses nothing: the finding on the macro's line stays.
#include <pthread.h>
#include <stdio.h>

#define TRACE_UNLOCK(mu, what) (fprintf(stderr, "unlock: %s\n", (what)), pthread_mutex_unlock(mu))

static pthread_mutex_t g_queue_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_queue_len;

static void *queue_drainer(void *arg)
{
    (void)arg;
    g_queue_len = 0;
    TRACE_UNLOCK(&g_queue_mu, "queue // NOLINT(cross-task-exit)"); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t drainer;

    pthread_mutex_lock(&g_queue_mu);
    g_queue_len = 8;
    if (pthread_create(&drainer, NULL, queue_drainer, NULL) != 0)
        return 1;
    pthread_join(drainer, NULL);
    return 0;
}
