// The session embeds a list link; main locks the session and hands the worker only &s->link.
// The worker gets the session back with container_of() and unlocks its mutex.
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))

struct list_link {
    struct list_link *prev, *next;
};

struct session {
    int id;
    pthread_mutex_t mu;
    struct list_link link;
};

static void *expire_worker(void *arg)
{
    struct list_link *link = arg;
    struct session *s = container_of(link, struct session, link);

    printf("expiring session %d\n", s->id);
    pthread_mutex_unlock(&s->mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    struct session sess = {.id = 77};
    pthread_t tid;

    pthread_mutex_init(&sess.mu, NULL);
    sess.link.prev = sess.link.next = &sess.link;
    pthread_mutex_lock(&sess.mu);
    if (pthread_create(&tid, NULL, expire_worker, &sess.link) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
