// Hand-over-hand (lock coupling) traversal of a linked list: the scanner locks the next node
// before unlocking the previous one. Locks and unlocks straddle loop iterations, but every
// unlock is of a node this same thread locked. Main walks the list the same way.
#include <pthread.h>
#include <stdio.h>

struct node {
    pthread_mutex_t mu;
    int value;
    struct node *next;
};

static struct node g_n2 = {PTHREAD_MUTEX_INITIALIZER, 30, NULL};
static struct node g_n1 = {PTHREAD_MUTEX_INITIALIZER, 20, &g_n2};
static struct node g_head = {PTHREAD_MUTEX_INITIALIZER, 0, &g_n1};

static long list_sum(struct node *head)
{
    struct node *prev, *cur;
    long sum = 0;

    pthread_mutex_lock(&head->mu);
    prev = head;
    while ((cur = prev->next) != NULL) {
        pthread_mutex_lock(&cur->mu);
        sum += cur->value;
        pthread_mutex_unlock(&prev->mu);
        prev = cur;
    }
    pthread_mutex_unlock(&prev->mu);
    return sum;
}

static void *scanner_thread(void *arg)
{
    long *out = arg;

    *out = list_sum(&g_head);
    return NULL;
}

int main(void)
{
    pthread_t tid;
    long from_scanner = 0;

    if (pthread_create(&tid, NULL, scanner_thread, &from_scanner) != 0)
        return 1;
    long from_main = list_sum(&g_head);
    pthread_join(tid, NULL);
    printf("sums %ld %ld\n", from_main, from_scanner);
    return 0;
}
