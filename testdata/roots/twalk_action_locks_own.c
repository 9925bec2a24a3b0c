// visit_session is a static function whose address is passed to twalk; it is the root of a task
// of its own. The auditor thread it starts takes and releases the audit lock itself.
#define _GNU_SOURCE
#include <pthread.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t g_audit_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_audited;

static void *session_auditor(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_audit_mu);
    g_audited++;
    pthread_mutex_unlock(&g_audit_mu);
    return NULL;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void visit_session(const void *node, VISIT which, int depth)
{
    pthread_t tid;

    (void)node;
    if (which != leaf || depth != 0)
        return;
    if (pthread_create(&tid, NULL, session_auditor, NULL) == 0)
        pthread_join(tid, NULL);
}

int main(void)
{
    void *sessions = NULL;
    char name[] = "alice";

    tsearch(name, &sessions, by_name);
    twalk(sessions, visit_session);
    pthread_mutex_lock(&g_audit_mu);
    printf("%d audited\n", g_audited);
    pthread_mutex_unlock(&g_audit_mu);
    tdelete(name, &sessions, by_name);
    return 0;
}
