// A search thread locks the slot it found and returns a pointer to it through pthread_exit's
// value; main, which joined it, unlocks the slot it never locked.
#include <pthread.h>
#include <stdio.h>

struct slot {
    pthread_mutex_t lock;
    int key;
};

static struct slot slots[4] = {
    {PTHREAD_MUTEX_INITIALIZER, 3}, {PTHREAD_MUTEX_INITIALIZER, 8},
    {PTHREAD_MUTEX_INITIALIZER, 13}, {PTHREAD_MUTEX_INITIALIZER, 21}};

static void *search(void *arg)
{
    int wanted = *(int *)arg;

    for (int i = 0; i < 4; i++) {
        pthread_mutex_lock(&slots[i].lock);
        if (slots[i].key == wanted)
            pthread_exit(&slots[i]); /* found: keep it locked for the caller */
        pthread_mutex_unlock(&slots[i].lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t t;
    int wanted = 13;
    void *found;

    pthread_create(&t, NULL, search, &wanted);
    pthread_join(t, &found);
    if (found) {
        struct slot *s = found;
        printf("found key %d\n", s->key);
        pthread_mutex_unlock(&s->lock); // expect: cross-task-exit
    }
    return 0;
}
