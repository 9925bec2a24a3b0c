// Two levels below main: the manager thread locks the job table and starts a cleaner through
// a spawn helper; the cleaner unlocks the table the manager locked.
#include <pthread.h>
#include <stdio.h>

struct job_table {
    pthread_mutex_t mu;
    int njobs;
};

static int spawn_detached(void *(*fn)(void *), void *arg, pthread_t *out)
{
    return pthread_create(out, NULL, fn, arg);
}

static void *cleaner_main(void *arg)
{
    struct job_table *jt = arg;

    jt->njobs = 0;
    pthread_mutex_unlock(&jt->mu); // expect: cross-task-exit
    return NULL;
}

static void *manager_main(void *arg)
{
    struct job_table *jt = arg;
    pthread_t cleaner;

    pthread_mutex_lock(&jt->mu);
    jt->njobs = 5;
    if (spawn_detached(cleaner_main, jt, &cleaner) != 0)
        return NULL;
    pthread_join(cleaner, NULL);
    return NULL;
}

int main(void)
{
    struct job_table jt = {.njobs = 0};
    pthread_t manager;

    pthread_mutex_init(&jt.mu, NULL);
    if (pthread_create(&manager, NULL, manager_main, &jt) != 0)
        return 1;
    pthread_join(manager, NULL);
    printf("%d jobs\n", jt.njobs);
    return 0;
}
