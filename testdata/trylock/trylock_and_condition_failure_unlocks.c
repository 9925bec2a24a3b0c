// The flusher only tries the queue lock while the service runs; when the trylock fails (main
// holds the lock) it releases the lock anyway, which is main's.
// helgrind: "unlocked lock ... currently held by thread #1"
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

struct job_queue {
    pthread_mutex_t mu;
    bool running;
    int pending;
    int flushed;
    int missed;
};

static void *flush_worker(void *arg)
{
    struct job_queue *q = arg;

    if (q->running && pthread_mutex_trylock(&q->mu)) {
        q->missed++;
        pthread_mutex_unlock(&q->mu); // expect: cross-task-exit {{'q->mu'}}
        return NULL;
    }
    if (q->running) {
        q->flushed += q->pending;
        q->pending = 0;
        pthread_mutex_unlock(&q->mu);
    }
    return NULL;
}

int main(void)
{
    struct job_queue q = {.running = true, .pending = 3};
    pthread_t tid;

    pthread_mutex_init(&q.mu, NULL);
    pthread_mutex_lock(&q.mu);
    q.pending++;
    if (pthread_create(&tid, NULL, flush_worker, &q) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_unlock(&q.mu);
    printf("%d pending, %d flushed, %d missed\n", q.pending, q.flushed, q.missed);
    pthread_mutex_destroy(&q.mu);
    return 0;
}
