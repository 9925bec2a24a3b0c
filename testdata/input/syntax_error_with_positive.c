// A file with a syntax error in one function: crosstask reports the error, exits with 3, and
// still finds the cross-task exit in the functions that parse.
// exit: 3
// allow-errors
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_queue_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_queue_len = 3;

static int parse_priority(const char *line)
{
    return line[0] == '!' ? 1 : 0 /* missing ';' */
}

static void *queue_drainer(void *arg)
{
    (void)arg;
    g_queue_len = 0;
    pthread_mutex_unlock(&g_queue_mu); // expect: cross-task-exit {{'g_queue_mu'}}
    return NULL;
}

int main(void)
{
    pthread_t tid;

    pthread_mutex_lock(&g_queue_mu);
    if (pthread_create(&tid, NULL, queue_drainer, NULL) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("queue length %d, priority %d\n", g_queue_len, parse_priority("!urgent"));
    return 0;
}
