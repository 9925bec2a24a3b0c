// A condition variable: main waits with the mutex held (pthread_cond_wait releases and retakes
// it inside), the worker locks, signals and unlocks; each thread pairs its own lock and unlock.
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

struct job_queue {
    pthread_mutex_t mu;
    pthread_cond_t nonempty;
    int njobs;
    bool closed;
};

static void *job_submitter(void *arg)
{
    struct job_queue *q = arg;

    for (int i = 0; i < 3; i++) {
        pthread_mutex_lock(&q->mu);
        q->njobs++;
        pthread_cond_signal(&q->nonempty);
        pthread_mutex_unlock(&q->mu);
    }
    pthread_mutex_lock(&q->mu);
    q->closed = true;
    pthread_cond_broadcast(&q->nonempty);
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

int main(void)
{
    struct job_queue q = {.njobs = 0, .closed = false};
    pthread_t tid;
    int handled = 0;

    pthread_mutex_init(&q.mu, NULL);
    pthread_cond_init(&q.nonempty, NULL);
    if (pthread_create(&tid, NULL, job_submitter, &q) != 0)
        return 1;
    pthread_mutex_lock(&q.mu);
    for (;;) {
        while (q.njobs == 0 && !q.closed)
            pthread_cond_wait(&q.nonempty, &q.mu);
        if (q.njobs == 0)
            break;
        q.njobs--;
        handled++;
    }
    pthread_mutex_unlock(&q.mu);
    pthread_join(tid, NULL);
    printf("handled %d jobs\n", handled);
    pthread_cond_destroy(&q.nonempty);
    pthread_mutex_destroy(&q.mu);
    return 0;
}
