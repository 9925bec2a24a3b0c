// The same list library: main locks both tables and hands the list of locks it holds to a
// commit thread, which frees it with list_free_full(held, held_lock_release). The releaser runs
// in the commit thread and unlocks mutexes main locked. (The commit thread's other
// list_free_full(lines, free) unlocks nothing.)
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct list {
    struct list *next;
    void *data;
};

typedef void (*list_visit_fn)(void *data, void *user_data);
typedef void (*list_destroy_fn)(void *data);

static void list_foreach(struct list *l, list_visit_fn visit, void *user_data)
{
    for (; l; l = l->next)
        visit(l->data, user_data);
}

static void list_free_full(struct list *l, list_destroy_fn destroy)
{
    list_foreach(l, (list_visit_fn)destroy, NULL);
    while (l) {
        struct list *next = l->next;
        free(l);
        l = next;
    }
}

static struct list *list_prepend(struct list *l, void *data)
{
    struct list *n = malloc(sizeof(*n));
    if (!n)
        return l;
    n->next = l;
    n->data = data;
    return n;
}

struct table {
    pthread_mutex_t mu;
    long rows;
};

struct held_lock {
    struct table *table;
};

static struct table accounts = {PTHREAD_MUTEX_INITIALIZER, 0};
static struct table orders = {PTHREAD_MUTEX_INITIALIZER, 0};

static void held_lock_release(void *data)
{
    struct held_lock *h = data;
    pthread_mutex_unlock(&h->table->mu); // expect: cross-task-exit
    free(h);
}

static struct list *lock_tables(struct table **tables, int n)
{
    struct list *held = NULL;
    for (int i = 0; i < n; i++) {
        struct held_lock *h = malloc(sizeof(*h));
        if (!h)
            break;
        pthread_mutex_lock(&tables[i]->mu);
        h->table = tables[i];
        held = list_prepend(held, h);
    }
    return held;
}

static void *commit_thread(void *arg)
{
    struct list *held = arg;
    struct list *lines = list_prepend(NULL, strdup("commit"));
    list_free_full(lines, free);
    list_free_full(held, held_lock_release);
    return NULL;
}

int main(void)
{
    pthread_t committer;
    struct table *tables[2] = {&accounts, &orders};
    struct list *held = lock_tables(tables, 2);

    accounts.rows++;
    orders.rows++;
    if (pthread_create(&committer, NULL, commit_thread, held) != 0)
        return 1;
    pthread_join(committer, NULL);
    return 0;
}
