// The older thread-safety spellings (exclusive_lock_function, exclusive_trylock_function,
// unlock_function), as older projects still write them: each thread locks and unlocks the
// queue itself, also through the trylock path. Silent.
// flags: -std=gnu11 -pthread
// rules: posix thread-safety
#include <pthread.h>
#include <stdio.h>

#define NO_TSA __attribute__((no_thread_safety_analysis))

struct __attribute__((lockable)) job_queue {
    pthread_mutex_t mu;
    int pending;
};

void queue_lock(struct job_queue *q) __attribute__((exclusive_lock_function(q)));
int queue_trylock(struct job_queue *q) __attribute__((exclusive_trylock_function(1, q)));
void queue_unlock(struct job_queue *q) __attribute__((unlock_function(q)));

void queue_lock(struct job_queue *q) NO_TSA { pthread_mutex_lock(&q->mu); }
int queue_trylock(struct job_queue *q) NO_TSA { return pthread_mutex_trylock(&q->mu) == 0; }
void queue_unlock(struct job_queue *q) NO_TSA { pthread_mutex_unlock(&q->mu); }

static void *drain_queue(void *arg)
{
    struct job_queue *q = arg;

    if (!queue_trylock(q))
        return NULL;
    q->pending = 0;
    queue_unlock(q);
    return NULL;
}

int main(void)
{
    static struct job_queue queue = {PTHREAD_MUTEX_INITIALIZER, 3};
    pthread_t tid;

    pthread_create(&tid, NULL, drain_queue, &queue);
    queue_lock(&queue);
    queue.pending++;
    queue_unlock(&queue);
    pthread_join(tid, NULL);
    printf("%d pending\n", queue.pending);
    return 0;
}
