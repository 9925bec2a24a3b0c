// obj_unref_locked() expects the caller to hold obj->lock and releases it. main locks the object
// to hand it over and the worker calls obj_unref_locked() on it, releasing main's lock.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct obj {
    pthread_mutex_t lock;
    int refs;
};

/* Must be called with o->lock held; drops a reference and releases the lock. */
static void obj_unref_locked(struct obj *o)
{
    int gone = --o->refs == 0;

    pthread_mutex_unlock(&o->lock); // expect: cross-task-exit
    if (gone) {
        pthread_mutex_destroy(&o->lock);
        free(o);
    }
}

static void *consumer(void *arg)
{
    struct obj *o = arg;

    obj_unref_locked(o); /* but the lock was taken by main */
    return NULL;
}

int main(void)
{
    struct obj *o = malloc(sizeof *o);
    pthread_t t;

    pthread_mutex_init(&o->lock, NULL);
    o->refs = 2;
    pthread_mutex_lock(&o->lock);
    pthread_create(&t, NULL, consumer, o);
    pthread_join(t, NULL);

    pthread_mutex_lock(&o->lock);
    obj_unref_locked(o);
    puts("released");
    return 0;
}
