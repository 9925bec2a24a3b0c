// list_foreach() calls its callback synchronously: locking every item in one pass and
// unlocking them in another, both through callbacks, happens in the one calling thread.
#include <pthread.h>
#include <stdio.h>

struct item {
    pthread_mutex_t mu;
    int value;
    struct item *next;
};

static void list_foreach(struct item *list, void (*visit)(struct item *, void *), void *ctx)
{
    for (struct item *it = list; it; it = it->next)
        visit(it, ctx);
}

static void lock_item(struct item *it, void *ctx)
{
    (void)ctx;
    pthread_mutex_lock(&it->mu);
}

static void unlock_item(struct item *it, void *ctx)
{
    *(int *)ctx += it->value;
    pthread_mutex_unlock(&it->mu);
}

static void *snapshot_worker(void *arg)
{
    struct item *list = arg;
    int total = 0;

    list_foreach(list, lock_item, NULL);
    list_foreach(list, unlock_item, &total);
    printf("snapshot total %d\n", total);
    return NULL;
}

int main(void)
{
    struct item items[3];
    pthread_t tid;
    int total = 0;

    for (int i = 0; i < 3; i++) {
        pthread_mutex_init(&items[i].mu, NULL);
        items[i].value = i + 1;
        items[i].next = i < 2 ? &items[i + 1] : NULL;
    }
    if (pthread_create(&tid, NULL, snapshot_worker, items) != 0)
        return 1;
    pthread_join(tid, NULL);
    list_foreach(items, lock_item, NULL);
    list_foreach(items, unlock_item, &total);
    printf("main total %d\n", total);
    return 0;
}
