// The sync thread recursively locks a directory tree, walks it, and recursively unlocks it;
// main does the same before starting the thread. Each thread unlocks only what it locked.
#include <pthread.h>
#include <stdio.h>

struct dir_node {
    pthread_mutex_t mu;
    const char *name;
    int dirty;
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
    pthread_mutex_unlock(&n->mu);
}

static void *sync_thread(void *arg)
{
    struct dir_node *root = arg;

    lock_tree(root);
    root->dirty = 0;
    unlock_tree(root);
    return NULL;
}

int main(void)
{
    struct dir_node etc = {PTHREAD_MUTEX_INITIALIZER, "etc", 1, {NULL, NULL}};
    struct dir_node root = {PTHREAD_MUTEX_INITIALIZER, "/", 1, {&etc, NULL}};
    pthread_t tid;

    lock_tree(&root);
    etc.dirty = 1;
    unlock_tree(&root);
    if (pthread_create(&tid, NULL, sync_thread, &root) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("%s dirty=%d\n", root.name, root.dirty);
    return 0;
}
