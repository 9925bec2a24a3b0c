// A hand-rolled recursive lock on top of a plain mutex: an owner thread id and a depth count.
// Workers and main nest acquire/acquire/release/release; only the outermost release unlocks.
#include <pthread.h>
#include <stdio.h>

struct rlock {
    pthread_mutex_t m;
    pthread_mutex_t meta; /* guards owner/depth */
    pthread_t owner;
    int depth;
};

static struct rlock big = {.m = PTHREAD_MUTEX_INITIALIZER, .meta = PTHREAD_MUTEX_INITIALIZER};
static int work_done;

static int rlock_held_by_me(struct rlock *r)
{
    int mine;
    pthread_mutex_lock(&r->meta);
    mine = r->depth > 0 && pthread_equal(r->owner, pthread_self());
    pthread_mutex_unlock(&r->meta);
    return mine;
}

static void rlock_acquire(struct rlock *r)
{
    if (!rlock_held_by_me(r))
        pthread_mutex_lock(&r->m);
    pthread_mutex_lock(&r->meta);
    r->owner = pthread_self();
    r->depth++;
    pthread_mutex_unlock(&r->meta);
}

static void rlock_release(struct rlock *r)
{
    int last;
    pthread_mutex_lock(&r->meta);
    last = --r->depth == 0;
    pthread_mutex_unlock(&r->meta);
    if (last)
        pthread_mutex_unlock(&r->m);
}

static void do_work(void)
{
    rlock_acquire(&big);
    rlock_acquire(&big); /* nested */
    work_done++;
    rlock_release(&big);
    rlock_release(&big);
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10; i++)
        do_work();
    return NULL;
}

int main(void)
{
    pthread_t t[2];

    do_work();
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("work done: %d\n", work_done);
    return 0;
}
