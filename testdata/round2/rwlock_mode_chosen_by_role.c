// One thread function for readers and writers: the role in the argument picks rdlock or wrlock,
// and the single pthread_rwlock_unlock at the end releases whichever was taken.
#define _XOPEN_SOURCE 700
#include <pthread.h>
#include <stdio.h>

enum role { READER, WRITER };

struct client {
    enum role role;
    int id;
};

static pthread_rwlock_t catalog_lock = PTHREAD_RWLOCK_INITIALIZER;
static int catalog_version;

static void *client_thread(void *arg)
{
    struct client *c = arg;
    int seen;

    for (int i = 0; i < 5; i++) {
        if (c->role == WRITER)
            pthread_rwlock_wrlock(&catalog_lock);
        else
            pthread_rwlock_rdlock(&catalog_lock);

        if (c->role == WRITER)
            catalog_version++;
        seen = catalog_version;

        pthread_rwlock_unlock(&catalog_lock);
    }
    printf("client %d saw version %d\n", c->id, seen);
    return NULL;
}

int main(void)
{
    struct client clients[4] = {{WRITER, 0}, {READER, 1}, {READER, 2}, {WRITER, 3}};
    pthread_t t[4];

    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, client_thread, &clients[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    pthread_rwlock_rdlock(&catalog_lock);
    printf("final version %d\n", catalog_version);
    pthread_rwlock_unlock(&catalog_lock);
    return 0;
}
