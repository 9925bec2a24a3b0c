// A database handle whose transaction lock is taken in txn_begin() and released in
// txn_commit(); each thread runs its own begin/commit pair through two different step
// functions, and main runs one transaction too.
#include <pthread.h>
#include <stdio.h>

typedef struct {
    pthread_mutex_t txn_lock;
    int rows;
    int pending;
} db_t;

static void txn_begin(db_t *db)
{
    pthread_mutex_lock(&db->txn_lock);
    db->pending = 0;
}

static void txn_commit(db_t *db)
{
    db->rows += db->pending;
    pthread_mutex_unlock(&db->txn_lock);
}

static void step_prepare(db_t *db, int n)
{
    txn_begin(db);
    db->pending = n;
}

static void step_finish(db_t *db)
{
    txn_commit(db);
}

static void *loader(void *arg)
{
    db_t *db = arg;

    for (int i = 1; i <= 5; i++) {
        step_prepare(db, i);
        step_finish(db);
    }
    return NULL;
}

int main(void)
{
    db_t db = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
    pthread_t t1, t2;

    pthread_create(&t1, NULL, loader, &db);
    pthread_create(&t2, NULL, loader, &db);
    txn_begin(&db);
    db.pending = 100;
    txn_commit(&db);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("%d rows\n", db.rows);
    return 0;
}
