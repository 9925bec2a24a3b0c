// An event thread dispatches events through a handler table indexed by event type. Main
// locks the document before queueing EV_SAVE and EV_COMMIT; the EV_COMMIT handler, run on
// the event thread, unlocks the document.
#include <pthread.h>
#include <stdio.h>

enum event_type { EV_SAVE, EV_COMMIT, EV_COUNT };

struct document {
    pthread_mutex_t mu;
    int saved;
};

typedef void (*event_handler)(struct document *doc);

static void on_save(struct document *doc)
{
    doc->saved = 1;
}

static void on_commit(struct document *doc)
{
    printf("commit, saved=%d\n", doc->saved);
    pthread_mutex_unlock(&doc->mu); // expect: cross-task-exit
}

static event_handler g_handlers[EV_COUNT];

struct event_queue {
    enum event_type events[4];
    int n;
    struct document *doc;
};

static void *event_thread(void *arg)
{
    struct event_queue *q = arg;

    for (int i = 0; i < q->n; i++) {
        event_handler h = g_handlers[q->events[i]];

        if (h)
            h(q->doc);
    }
    return NULL;
}

int main(void)
{
    struct document doc = {.saved = 0};
    struct event_queue q = {.events = {EV_SAVE, EV_COMMIT}, .n = 2, .doc = &doc};
    pthread_t tid;

    g_handlers[EV_SAVE] = on_save;
    g_handlers[EV_COMMIT] = on_commit;
    pthread_mutex_init(&doc.mu, NULL);
    pthread_mutex_lock(&doc.mu);
    if (pthread_create(&tid, NULL, event_thread, &q) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
