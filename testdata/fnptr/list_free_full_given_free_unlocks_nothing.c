// A small list library frees its items through a destroy callback its caller chooses.
// The checkpoint locks both tables, keeps the locks it holds on a list and releases them with
// list_free_full(held, held_lock_release); the log flush frees a list of plain strings with
// list_free_full(lines, free). The flush runs free() only: it unlocks nothing, so the
// statistics thread's own lock of the accounts table is never released by main.
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
    pthread_mutex_unlock(&h->table->mu);
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

static void *stats_thread(void *arg)
{
    long total = 0;
    (void)arg;
    for (int i = 0; i < 100; i++) {
        pthread_mutex_lock(&accounts.mu);
        total += accounts.rows;
        pthread_mutex_unlock(&accounts.mu);
    }
    printf("rows seen: %ld\n", total);
    return NULL;
}

static void log_flush(void)
{
    struct list *lines = NULL;
    lines = list_prepend(lines, strdup("checkpoint done"));
    lines = list_prepend(lines, strdup("tables synced"));
    for (struct list *l = lines; l; l = l->next)
        puts(l->data);
    list_free_full(lines, free);
}

int main(void)
{
    pthread_t stats;
    struct table *tables[2] = {&accounts, &orders};

    if (pthread_create(&stats, NULL, stats_thread, NULL) != 0)
        return 1;
    struct list *held = lock_tables(tables, 2);
    accounts.rows++;
    orders.rows++;
    list_free_full(held, held_lock_release);
    log_flush();
    pthread_join(stats, NULL);
    return 0;
}
