// The auditor walks a list with a cursor variable, locking and unlocking each node in the
// same iteration (saving ->next before the unlock). Main updates the nodes the same way.
#include <pthread.h>
#include <stdio.h>

struct account {
    pthread_mutex_t mu;
    long balance;
    struct account *next;
};

static long audit_all(struct account *head)
{
    long total = 0;
    struct account *next;

    for (struct account *a = head; a != NULL; a = next) {
        pthread_mutex_lock(&a->mu);
        total += a->balance;
        next = a->next;
        pthread_mutex_unlock(&a->mu);
    }
    return total;
}

static void *auditor_thread(void *arg)
{
    struct account *head = arg;

    printf("audit total %ld\n", audit_all(head));
    return NULL;
}

int main(void)
{
    struct account c = {PTHREAD_MUTEX_INITIALIZER, 300, NULL};
    struct account b = {PTHREAD_MUTEX_INITIALIZER, 200, &c};
    struct account a = {PTHREAD_MUTEX_INITIALIZER, 100, &b};
    pthread_t tid;

    if (pthread_create(&tid, NULL, auditor_thread, &a) != 0)
        return 1;
    for (struct account *p = &a; p; p = p->next) {
        pthread_mutex_lock(&p->mu);
        p->balance += 1;
        pthread_mutex_unlock(&p->mu);
    }
    pthread_join(tid, NULL);
    return 0;
}
