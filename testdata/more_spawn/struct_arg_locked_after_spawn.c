// Main starts the checkpoint thread with the store as its argument and only afterwards locks
// store.mu and posts store.go; the checkpoint thread wakes and unlocks s->mu, which main
// holds.
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

struct store {
    pthread_mutex_t mu;
    sem_t go;
    int dirty_pages;
};

static void *checkpoint_thread(void *arg)
{
    struct store *s = arg;

    sem_wait(&s->go);
    s->dirty_pages = 0;
    pthread_mutex_unlock(&s->mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    struct store store = {.dirty_pages = 0};
    pthread_t tid;

    pthread_mutex_init(&store.mu, NULL);
    sem_init(&store.go, 0, 0);
    if (pthread_create(&tid, NULL, checkpoint_thread, &store) != 0)
        return 1;
    pthread_mutex_lock(&store.mu);
    store.dirty_pages = 37;
    sem_post(&store.go);
    pthread_join(tid, NULL);
    printf("%d dirty pages\n", store.dirty_pages);
    sem_destroy(&store.go);
    return 0;
}
