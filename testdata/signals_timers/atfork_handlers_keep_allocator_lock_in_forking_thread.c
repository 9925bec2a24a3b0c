// The usual pthread_atfork idiom: prepare locks the allocator's arena lock, the parent and
// child handlers unlock it. All three run in the thread that calls fork() (the spawner
// thread), so the lock is taken and released by one thread. Nothing to report.
// flags: -std=gnu11 -pthread
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

struct arena {
    pthread_mutex_t lock;
    size_t used;
};

static struct arena arena = {PTHREAD_MUTEX_INITIALIZER, 0};

static void arena_prepare(void) { pthread_mutex_lock(&arena.lock); }
static void arena_parent(void) { pthread_mutex_unlock(&arena.lock); }
static void arena_child(void)
{
    arena.used = 0;
    pthread_mutex_unlock(&arena.lock);
}

static void *arena_alloc_main(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        pthread_mutex_lock(&arena.lock);
        arena.used += 16;
        pthread_mutex_unlock(&arena.lock);
    }
    return NULL;
}

static void *spawner_main(void *arg)
{
    pid_t pid;

    (void)arg;
    pid = fork();
    if (pid == 0)
        _exit(arena.used == 0 ? 0 : 1);
    waitpid(pid, NULL, 0);
    return NULL;
}

int main(void)
{
    pthread_t alloc, spawner;

    pthread_atfork(arena_prepare, arena_parent, arena_child);
    pthread_create(&alloc, NULL, arena_alloc_main, NULL);
    pthread_create(&spawner, NULL, spawner_main, NULL);
    pthread_join(alloc, NULL);
    pthread_join(spawner, NULL);
    printf("used %zu\n", arena.used);
    return 0;
}
