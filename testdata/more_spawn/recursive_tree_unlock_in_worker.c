// Main locks every node of a small directory tree (pre-order), then a sync thread walks the
// tree recursively and unlocks each node: all of those unlocks are in the wrong thread.
#include <pthread.h>
#include <stdio.h>

struct dir_node {
    pthread_mutex_t mu;
    const char *name;
    struct dir_node *child[2];
};

static void lock_tree(struct dir_node *n)
{
    if (!n)
        return;
    pthread_mutex_lock(&n->mu);
    for (int i = 0; i < 2; i++)
        lock_tree(n->child[i]);
}

static void unlock_tree(struct dir_node *n)
{
    if (!n)
        return;
    for (int i = 0; i < 2; i++)
        unlock_tree(n->child[i]);
    pthread_mutex_unlock(&n->mu); // expect: cross-task-exit
}

static void *sync_thread(void *arg)
{
    struct dir_node *root = arg;

    printf("synced %s\n", root->name);
    unlock_tree(root);
    return NULL;
}

int main(void)
{
    struct dir_node etc = {PTHREAD_MUTEX_INITIALIZER, "etc", {NULL, NULL}};
    struct dir_node var = {PTHREAD_MUTEX_INITIALIZER, "var", {NULL, NULL}};
    struct dir_node root = {PTHREAD_MUTEX_INITIALIZER, "/", {&etc, &var}};
    pthread_t tid;

    lock_tree(&root);
    if (pthread_create(&tid, NULL, sync_thread, &root) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
