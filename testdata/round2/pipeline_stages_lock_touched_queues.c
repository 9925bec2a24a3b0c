// Three-stage pipeline: parse -> transform -> print. Each stage pops from its input queue and
// pushes to its output queue, locking only the queue it touches at that moment.
#include <pthread.h>
#include <stdio.h>

#define QCAP 8
#define NITEMS 10
#define END_OF_STREAM (-1)

typedef struct {
    int items[QCAP];
    int head, tail, size;
    pthread_mutex_t m;
    pthread_cond_t has_item, has_room;
} queue_t;

static queue_t q_parsed, q_transformed;

static void q_init(queue_t *q)
{
    q->head = q->tail = q->size = 0;
    pthread_mutex_init(&q->m, NULL);
    pthread_cond_init(&q->has_item, NULL);
    pthread_cond_init(&q->has_room, NULL);
}

static void q_push(queue_t *q, int v)
{
    pthread_mutex_lock(&q->m);
    while (q->size == QCAP)
        pthread_cond_wait(&q->has_room, &q->m);
    q->items[q->tail] = v;
    q->tail = (q->tail + 1) % QCAP;
    q->size++;
    pthread_cond_signal(&q->has_item);
    pthread_mutex_unlock(&q->m);
}

static int q_pop(queue_t *q)
{
    int v;

    pthread_mutex_lock(&q->m);
    while (q->size == 0)
        pthread_cond_wait(&q->has_item, &q->m);
    v = q->items[q->head];
    q->head = (q->head + 1) % QCAP;
    q->size--;
    pthread_cond_signal(&q->has_room);
    pthread_mutex_unlock(&q->m);
    return v;
}

static void *parse_stage(void *arg)
{
    (void)arg;
    for (int i = 1; i <= NITEMS; i++)
        q_push(&q_parsed, i);
    q_push(&q_parsed, END_OF_STREAM);
    return NULL;
}

static void *transform_stage(void *arg)
{
    int v;

    (void)arg;
    while ((v = q_pop(&q_parsed)) != END_OF_STREAM)
        q_push(&q_transformed, v * 10);
    q_push(&q_transformed, END_OF_STREAM);
    return NULL;
}

static void *print_stage(void *arg)
{
    int v;

    (void)arg;
    while ((v = q_pop(&q_transformed)) != END_OF_STREAM)
        printf("%d\n", v);
    return NULL;
}

int main(void)
{
    pthread_t stage[3];

    q_init(&q_parsed);
    q_init(&q_transformed);
    pthread_create(&stage[0], NULL, parse_stage, NULL);
    pthread_create(&stage[1], NULL, transform_stage, NULL);
    pthread_create(&stage[2], NULL, print_stage, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(stage[i], NULL);
    return 0;
}
