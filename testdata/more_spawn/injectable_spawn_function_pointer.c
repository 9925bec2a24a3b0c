// The scheduler takes its thread-spawning function as a pointer (so tests can inject one);
// in production it is pthread_create itself. Main locks the plan and the spawned applier
// unlocks it.
#include <pthread.h>
#include <stdio.h>

typedef int (*spawn_fn)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

struct plan {
    pthread_mutex_t mu;
    int nsteps;
};

struct scheduler {
    spawn_fn spawn;
};

static void *plan_applier(void *arg)
{
    struct plan *p = arg;

    p->nsteps = 0;
    pthread_mutex_unlock(&p->mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    struct scheduler sched = {.spawn = pthread_create};
    struct plan plan = {.nsteps = 6};
    pthread_t tid;

    pthread_mutex_init(&plan.mu, NULL);
    pthread_mutex_lock(&plan.mu);
    if (sched.spawn(&tid, NULL, plan_applier, &plan) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%d steps left\n", plan.nsteps);
    return 0;
}
