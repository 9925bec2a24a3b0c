// Main locks each request and pushes it on a pending list; the responder thread pops the
// requests off the list and unlocks them.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct request {
    pthread_mutex_t mu;
    int id;
    struct request *next;
};

struct pending {
    struct request *head;
};

static struct request *pending_pop(struct pending *p)
{
    struct request *r = p->head;

    if (r)
        p->head = r->next;
    return r;
}

static void *responder_thread(void *arg)
{
    struct pending *p = arg;
    struct request *r;

    while ((r = pending_pop(p)) != NULL) {
        printf("responding to %d\n", r->id);
        pthread_mutex_unlock(&r->mu); // expect: cross-task-exit
    }
    return NULL;
}

int main(void)
{
    struct request reqs[3];
    struct pending pending = {.head = NULL};
    pthread_t tid;

    for (int i = 0; i < 3; i++) {
        pthread_mutex_init(&reqs[i].mu, NULL);
        reqs[i].id = 100 + i;
        pthread_mutex_lock(&reqs[i].mu);
        reqs[i].next = pending.head;
        pending.head = &reqs[i];
    }
    if (pthread_create(&tid, NULL, responder_thread, &pending) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
