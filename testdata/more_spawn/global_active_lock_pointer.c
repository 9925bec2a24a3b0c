// A global pthread_mutex_t * names the lock of the active journal. Main points it at the
// journal's mutex and locks through it; the rotate thread unlocks through the same global.
#include <pthread.h>
#include <stdio.h>

struct journal {
    pthread_mutex_t mu;
    int segment;
};

static struct journal g_journals[2] = {
    {PTHREAD_MUTEX_INITIALIZER, 0},
    {PTHREAD_MUTEX_INITIALIZER, 0},
};
static pthread_mutex_t *g_active_lock;
static struct journal *g_active;

static void *rotate_thread(void *arg)
{
    (void)arg;
    g_active->segment++;
    pthread_mutex_unlock(g_active_lock); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t tid;

    g_active = &g_journals[1];
    g_active_lock = &g_active->mu;
    pthread_mutex_lock(g_active_lock);
    if (pthread_create(&tid, NULL, rotate_thread, NULL) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("journal segment %d\n", g_journals[1].segment);
    return 0;
}
