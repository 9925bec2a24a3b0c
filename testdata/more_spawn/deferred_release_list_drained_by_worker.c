// Main records each lock it takes in a global deferred-release list; a background thread
// drains the list and unlocks every entry, in a thread that locked none of them.
#include <pthread.h>
#include <stdio.h>

struct held_lock {
    pthread_mutex_t *mu;
    const char *name;
};

static struct held_lock g_deferred[4];
static int g_ndeferred;

static pthread_mutex_t g_users_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t g_groups_mu = PTHREAD_MUTEX_INITIALIZER;

static void lock_deferred(pthread_mutex_t *mu, const char *name)
{
    pthread_mutex_lock(mu);
    g_deferred[g_ndeferred].mu = mu;
    g_deferred[g_ndeferred].name = name;
    g_ndeferred++;
}

static void *release_thread(void *arg)
{
    (void)arg;
    while (g_ndeferred > 0) {
        struct held_lock *h = &g_deferred[--g_ndeferred];

        printf("releasing %s\n", h->name);
        pthread_mutex_unlock(h->mu); // expect: cross-task-exit
    }
    return NULL;
}

int main(void)
{
    pthread_t tid;

    lock_deferred(&g_users_mu, "users");
    lock_deferred(&g_groups_mu, "groups");
    if (pthread_create(&tid, NULL, release_thread, NULL) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
