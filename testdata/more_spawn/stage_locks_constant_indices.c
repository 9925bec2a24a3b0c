// A two-stage pipeline guarded by g_stage_mu[0] (parse) and g_stage_mu[1] (emit). Main holds
// the parse stage; the emitter takes the emit stage itself, then releases both stages. The
// release of stage 0 is an unlock of main's lock.
#include <pthread.h>
#include <stdio.h>

enum { STAGE_PARSE, STAGE_EMIT, NSTAGES };

static pthread_mutex_t g_stage_mu[NSTAGES] = {PTHREAD_MUTEX_INITIALIZER,
                                              PTHREAD_MUTEX_INITIALIZER};
static int g_tokens;

static void *emitter_thread(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_stage_mu[STAGE_EMIT]);
    printf("emitting %d tokens\n", g_tokens);
    pthread_mutex_unlock(&g_stage_mu[STAGE_EMIT]);
    pthread_mutex_unlock(&g_stage_mu[STAGE_PARSE]); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    pthread_t tid;

    pthread_mutex_lock(&g_stage_mu[STAGE_PARSE]);
    g_tokens = 31;
    if (pthread_create(&tid, NULL, emitter_thread, NULL) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
