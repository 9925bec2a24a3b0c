// The usual pthread_atfork discipline: the prepare handler locks the allocator, and the
// parent and child handlers unlock it. All three run in the forking thread (the child's
// only thread is its copy), so no lock changes hands. A worker uses the allocator meanwhile.
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t g_alloc_mu = PTHREAD_MUTEX_INITIALIZER;
static long g_allocated;

static void alloc_prepare(void) { pthread_mutex_lock(&g_alloc_mu); }
static void alloc_parent(void) { pthread_mutex_unlock(&g_alloc_mu); }
static void alloc_child(void) { pthread_mutex_unlock(&g_alloc_mu); }

static void *alloc_thread(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        pthread_mutex_lock(&g_alloc_mu);
        g_allocated += 16;
        pthread_mutex_unlock(&g_alloc_mu);
    }
    return NULL;
}

int main(void)
{
    pthread_t tid;
    pid_t pid;

    pthread_atfork(alloc_prepare, alloc_parent, alloc_child);
    if (pthread_create(&tid, NULL, alloc_thread, NULL) != 0)
        return 1;
    pid = fork();
    if (pid == 0)
        _exit(0);
    if (pid > 0)
        waitpid(pid, NULL, 0);
    pthread_join(tid, NULL);
    printf("allocated %ld\n", g_allocated);
    return 0;
}
