// The config module registers only a parent handler with pthread_atfork, which releases the
// config lock "taken before the fork"; but main takes that lock and a worker thread does the
// fork, so the parent handler unlocks, on the worker, the lock main holds (helgrind: unlocked
// lock held by other thread).
// flags: -std=gnu11 -pthread
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;
static int config_version;

static void config_after_fork_parent(void)
{
    pthread_mutex_unlock(&config_lock); // expect: cross-task-exit {{pthread mutex 'config_lock' is unlocked in thread 'reload_main' but was locked in thread 'main'}}
}

static void *reload_main(void *arg)
{
    pid_t pid;

    (void)arg;
    pid = fork();
    if (pid == 0)
        _exit(0);
    waitpid(pid, NULL, 0);
    return NULL;
}

int main(void)
{
    pthread_t reloader;

    pthread_atfork(NULL, config_after_fork_parent, NULL);
    pthread_mutex_lock(&config_lock);
    config_version++;
    pthread_create(&reloader, NULL, reload_main, NULL);
    pthread_join(reloader, NULL);
    printf("version %d\n", config_version);
    return 0;
}
