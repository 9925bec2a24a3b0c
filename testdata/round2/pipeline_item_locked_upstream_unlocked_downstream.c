// Pipeline where the first stage locks each item's mutex ("item is being processed") before
// queueing it, and the last stage unlocks it when the item leaves the pipeline.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct item {
    pthread_mutex_t in_flight;
    int payload;
    struct item *next;
};

static struct item *queue_head;
static pthread_mutex_t queue_mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_cv = PTHREAD_COND_INITIALIZER;
static int done_producing;

static void *source_stage(void *arg)
{
    struct item *items = arg;

    for (int i = 0; i < 3; i++) {
        pthread_mutex_lock(&items[i].in_flight);
        items[i].payload = i * 7;
        pthread_mutex_lock(&queue_mtx);
        items[i].next = queue_head;
        queue_head = &items[i];
        pthread_cond_signal(&queue_cv);
        pthread_mutex_unlock(&queue_mtx);
    }
    pthread_mutex_lock(&queue_mtx);
    done_producing = 1;
    pthread_cond_signal(&queue_cv);
    pthread_mutex_unlock(&queue_mtx);
    return NULL;
}

static void *sink_stage(void *arg)
{
    (void)arg;
    for (;;) {
        struct item *it;

        pthread_mutex_lock(&queue_mtx);
        while (queue_head == NULL && !done_producing)
            pthread_cond_wait(&queue_cv, &queue_mtx);
        it = queue_head;
        if (it)
            queue_head = it->next;
        pthread_mutex_unlock(&queue_mtx);
        if (it == NULL)
            break;
        printf("item %d done\n", it->payload);
        pthread_mutex_unlock(&it->in_flight); // expect: cross-task-exit
    }
    return NULL;
}

int main(void)
{
    struct item *items = calloc(3, sizeof *items);
    pthread_t src, sink;

    for (int i = 0; i < 3; i++)
        pthread_mutex_init(&items[i].in_flight, NULL);
    pthread_create(&src, NULL, source_stage, items);
    pthread_create(&sink, NULL, sink_stage, NULL);
    pthread_join(src, NULL);
    pthread_join(sink, NULL);
    free(items);
    return 0;
}
