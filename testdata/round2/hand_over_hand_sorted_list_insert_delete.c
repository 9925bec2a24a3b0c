// Sorted linked list with a lock per node and hand-over-hand (lock coupling) traversal:
// inserters and deleters lock the next node before releasing the previous one.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>

typedef struct node {
    int key;
    struct node *next;
    pthread_mutex_t m;
} node_t;

static node_t *new_node(int key, node_t *next)
{
    node_t *n = malloc(sizeof *n);
    n->key = key;
    n->next = next;
    pthread_mutex_init(&n->m, NULL);
    return n;
}

static node_t *head; /* sentinel: key INT_MIN, never removed */

static void list_insert(int key)
{
    node_t *prev = head, *curr;

    pthread_mutex_lock(&prev->m);
    curr = prev->next;
    if (curr)
        pthread_mutex_lock(&curr->m);
    while (curr && curr->key < key) {
        pthread_mutex_unlock(&prev->m);
        prev = curr;
        curr = curr->next;
        if (curr)
            pthread_mutex_lock(&curr->m);
    }
    prev->next = new_node(key, curr);
    if (curr)
        pthread_mutex_unlock(&curr->m);
    pthread_mutex_unlock(&prev->m);
}

static int list_delete(int key)
{
    node_t *prev = head, *curr;
    int found = 0;

    pthread_mutex_lock(&prev->m);
    while ((curr = prev->next) != NULL) {
        pthread_mutex_lock(&curr->m);
        if (curr->key == key) {
            prev->next = curr->next;
            pthread_mutex_unlock(&curr->m);
            pthread_mutex_destroy(&curr->m);
            free(curr);
            found = 1;
            break;
        }
        pthread_mutex_unlock(&prev->m);
        prev = curr;
    }
    pthread_mutex_unlock(&prev->m);
    return found;
}

static void *inserter(void *arg)
{
    int base = *(int *)arg;
    for (int i = 0; i < 10; i++)
        list_insert(base + i * 2);
    return NULL;
}

static void *deleter(void *arg)
{
    (void)arg;
    int removed = 0;
    for (int k = 0; k < 20; k++)
        removed += list_delete(k);
    return (void *)(long)removed;
}

int main(void)
{
    pthread_t a, b, d;
    int even = 0, odd = 1;
    void *removed;

    head = new_node(INT_MIN, NULL);
    pthread_create(&a, NULL, inserter, &even);
    pthread_create(&b, NULL, inserter, &odd);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_create(&d, NULL, deleter, NULL);
    pthread_join(d, &removed);
    printf("removed %ld\n", (long)removed);
    return 0;
}
