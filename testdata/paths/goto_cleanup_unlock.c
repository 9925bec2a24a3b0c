// Cleanup in the goto style: every error jumps to `out`, which unlocks. Writer threads call it.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct db {
    pthread_mutex_t mu;
    int nrecords;
    size_t bytes;
};

static int db_write_record(struct db *db, const char *key, const char *value)
{
    int rc = -1;
    char *record = NULL;

    pthread_mutex_lock(&db->mu);
    if (!key || !*key)
        goto out;
    record = malloc(strlen(key) + strlen(value) + 2);
    if (!record)
        goto out;
    sprintf(record, "%s=%s", key, value);
    db->bytes += strlen(record);
    db->nrecords++;
    rc = 0;
out:
    pthread_mutex_unlock(&db->mu);
    free(record);
    return rc;
}

static void *writer_main(void *arg)
{
    struct db *db = arg;

    db_write_record(db, "user", "alice");
    db_write_record(db, "", "rejected");
    return NULL;
}

int main(void)
{
    struct db db = {.nrecords = 0};
    pthread_t writers[2];

    pthread_mutex_init(&db.mu, NULL);
    for (int i = 0; i < 2; i++) {
        if (pthread_create(&writers[i], NULL, writer_main, &db) != 0)
            return 1;
    }
    for (int i = 0; i < 2; i++)
        pthread_join(writers[i], NULL);
    printf("%d records, %zu bytes\n", db.nrecords, db.bytes);
    pthread_mutex_destroy(&db.mu);
    return 0;
}
