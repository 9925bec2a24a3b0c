// Work stealing with an ignored trylock result: the thief calls pthread_mutex_trylock on the
// victim's deque lock, does not check that it failed (the victim holds the lock), steals
// anyway and unlocks the victim's lock.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

struct deque {
    pthread_mutex_t lock;
    int tasks;
};

static struct deque victim_deque = {PTHREAD_MUTEX_INITIALIZER, 8};
static sem_t victim_busy, stolen;

static void *victim(void *arg)
{
    struct deque *d = arg;

    pthread_mutex_lock(&d->lock); /* busy rebalancing its own deque */
    sem_post(&victim_busy);
    sem_wait(&stolen);
    return NULL;
}

static void *thief(void *arg)
{
    struct deque *d = arg;

    sem_wait(&victim_busy);
    pthread_mutex_trylock(&d->lock); /* result ignored: EBUSY here */
    d->tasks--;
    pthread_mutex_unlock(&d->lock); // expect-fixme: cross-task-exit {{a trylock whose result is ignored counts as maybe held}}
    sem_post(&stolen);
    return NULL;
}

int main(void)
{
    pthread_t v, t;

    sem_init(&victim_busy, 0, 0);
    sem_init(&stolen, 0, 0);
    pthread_create(&v, NULL, victim, &victim_deque);
    pthread_create(&t, NULL, thief, &victim_deque);
    pthread_join(v, NULL);
    pthread_join(t, NULL);
    printf("%d tasks left\n", victim_deque.tasks);
    return 0;
}
