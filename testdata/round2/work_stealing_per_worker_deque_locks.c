// Work stealing: each worker owns a deque guarded by its own lock. A worker pops from its own
// deque and, when empty, tries the other workers' locks with trylock and steals one task.
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 3
#define DEQUE_CAP 32

struct deque {
    pthread_mutex_t lock;
    int tasks[DEQUE_CAP];
    int top, bottom;
};

static struct deque deques[NWORKERS];
static int executed[NWORKERS];

static int pop_own(struct deque *d, int *task)
{
    int ok = 0;

    pthread_mutex_lock(&d->lock);
    if (d->bottom > d->top) {
        *task = d->tasks[--d->bottom];
        ok = 1;
    }
    pthread_mutex_unlock(&d->lock);
    return ok;
}

static int try_steal(int self, int *task)
{
    for (int k = 1; k < NWORKERS; k++) {
        struct deque *victim = &deques[(self + k) % NWORKERS];

        if (pthread_mutex_trylock(&victim->lock) != 0)
            continue;
        if (victim->bottom > victim->top) {
            *task = victim->tasks[victim->top++];
            pthread_mutex_unlock(&victim->lock);
            return 1;
        }
        pthread_mutex_unlock(&victim->lock);
    }
    return 0;
}

static void *worker_loop(void *arg)
{
    int self = (int)(long)arg;
    int task, idle = 0;

    while (idle < 100) {
        if (pop_own(&deques[self], &task) || try_steal(self, &task)) {
            executed[self] += task > 0;
            idle = 0;
        } else {
            idle++;
        }
    }
    return NULL;
}

int main(void)
{
    pthread_t th[NWORKERS];

    for (int i = 0; i < NWORKERS; i++)
        pthread_mutex_init(&deques[i].lock, NULL);
    /* all the work starts on worker 0's deque */
    pthread_mutex_lock(&deques[0].lock);
    for (int t = 1; t <= 20; t++)
        deques[0].tasks[deques[0].bottom++] = t;
    pthread_mutex_unlock(&deques[0].lock);

    for (long i = 0; i < NWORKERS; i++)
        pthread_create(&th[i], NULL, worker_loop, (void *)i);
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < NWORKERS; i++)
        printf("worker %d ran %d tasks\n", i, executed[i]);
    return 0;
}
