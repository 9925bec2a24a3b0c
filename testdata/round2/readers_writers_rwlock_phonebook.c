// Readers-writers with a pthread_rwlock_t: several reader threads look names up under the read
// lock while one writer thread adds entries under the write lock.
#define _XOPEN_SOURCE 700
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define MAX_ENTRIES 16
#define NREADERS 3

struct phonebook {
    pthread_rwlock_t rw;
    int count;
    char name[MAX_ENTRIES][12];
    int number[MAX_ENTRIES];
};

static struct phonebook book = {.rw = PTHREAD_RWLOCK_INITIALIZER};

static int lookup(const char *name)
{
    int found = -1;

    pthread_rwlock_rdlock(&book.rw);
    for (int i = 0; i < book.count; i++)
        if (strcmp(book.name[i], name) == 0)
            found = book.number[i];
    pthread_rwlock_unlock(&book.rw);
    return found;
}

static void *reader(void *arg)
{
    int hits = 0;

    (void)arg;
    for (int i = 0; i < 20; i++)
        if (lookup("entry3") >= 0)
            hits++;
    return (void *)(long)hits;
}

static void *writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 8; i++) {
        pthread_rwlock_wrlock(&book.rw);
        snprintf(book.name[book.count], sizeof book.name[0], "entry%d", i);
        book.number[book.count] = 5550000 + i;
        book.count++;
        pthread_rwlock_unlock(&book.rw);
    }
    return NULL;
}

int main(void)
{
    pthread_t readers[NREADERS], w;
    void *hits;

    pthread_create(&w, NULL, writer, NULL);
    for (int i = 0; i < NREADERS; i++)
        pthread_create(&readers[i], NULL, reader, NULL);
    for (int i = 0; i < NREADERS; i++) {
        pthread_join(readers[i], &hits);
        printf("reader %d: %ld hits\n", i, (long)hits);
    }
    pthread_join(w, NULL);
    pthread_rwlock_destroy(&book.rw);
    return 0;
}
