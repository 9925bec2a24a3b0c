// Recursive pthread mutex locked twice and unlocked twice by the same worker thread (a nested
// section written out inline); main locks it once to print the result.
#define _XOPEN_SOURCE 700
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t audit_lock;
static int audit_records;

static void *auditor(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&audit_lock);
    audit_records++;
    pthread_mutex_lock(&audit_lock); /* nested section */
    audit_records++;
    pthread_mutex_unlock(&audit_lock);
    pthread_mutex_unlock(&audit_lock);
    return NULL;
}

int main(void)
{
    pthread_mutexattr_t attr;
    pthread_t t;

    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&audit_lock, &attr);
    pthread_create(&t, NULL, auditor, NULL);
    pthread_join(t, NULL);
    pthread_mutex_lock(&audit_lock);
    printf("%d audit records\n", audit_records);
    pthread_mutex_unlock(&audit_lock);
    return 0;
}
