// visit_session is a static function whose address is passed to twalk, which no rule describes:
// its address escapes, so it is the root of a task of its own. For the first session it takes
// the audit lock and starts an auditor thread that releases it.
// helgrind: "unlocked lock ... currently held by thread #1"
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
    g_audited++;
    pthread_mutex_unlock(&g_audit_mu); // expect: cross-task-exit {{'g_audit_mu'}}
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
    pthread_mutex_lock(&g_audit_mu);
    if (pthread_create(&tid, NULL, session_auditor, NULL) == 0)
        pthread_join(tid, NULL);
}

int main(void)
{
    void *sessions = NULL;
    char name[] = "alice";

    tsearch(name, &sessions, by_name);
    twalk(sessions, visit_session);
    printf("%d audited\n", g_audited);
    tdelete(name, &sessions, by_name);
    return 0;
}
