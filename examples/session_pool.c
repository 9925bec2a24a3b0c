/* session_pool.c - a small session dispatcher, and the bug crosstask is for.
 *
 * A server keeps a pool of sessions, each guarded by its own mutex. The dispatcher locks a
 * session to claim it for a request and hands the request to a new thread. The handler thread
 * finishes the request and releases the session through session_release(), which unlocks the
 * mutex -- in a thread that never locked it. POSIX leaves that undefined (an error-checking
 * mutex refuses with EPERM and the session stays claimed forever); a default glibc mutex lets
 * it pass silently, which is how this bug ships. valgrind --tool=helgrind reports it at run
 * time, only on the runs that take this path:
 *
 *     Thread #2 unlocked lock at 0x... currently held by thread #1
 *
 * (helgrind's later reports of the run follow from this one: it still counts the lock as
 * held by thread #1.)
 *
 * crosstask reports it without running anything, at the unlock inside session_release(), along
 * these lines:
 *
 *     examples/session_pool.c:65:5: warning: pthread mutex 's->mu' is unlocked in thread
 *         'handoff_main' but was locked in thread 'main' at examples/session_pool.c:82
 *         [cross-task-exit]
 *
 * with notes for where the mutex was locked (in dispatch_handoff(), called from main) and where
 * handoff_main starts in a new thread (pthread_create).
 *
 * Beside it, correct code that crosstask must leave alone:
 *   - worker_main locks and unlocks the mutex of the session it is given: every worker locks
 *     its own instance of the same struct type;
 *   - main claims a session, starts a loader thread that fills it without touching the lock,
 *     joins it, and then releases the session itself, through the same session_release() helper:
 *     the lock is held across the join, but the unlock runs in the thread that locked.
 *
 * Build and run:  cc -std=c11 -pthread -Wall -o session_pool examples/session_pool.c
 * Analyse:        build/crosstask examples/session_pool.c -- -std=c11 -pthread
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define NSESSIONS 4

struct session {
    pthread_mutex_t mu; /* held while a request owns the session */
    int id;
    int requests;       /* requests served */
    char state[16];     /* "idle", "busy", ... */
    char payload[64];   /* what the last request left behind */
};

static void session_init(struct session *s, int id)
{
    pthread_mutex_init(&s->mu, NULL);
    s->id = id;
    s->requests = 0;
    strcpy(s->state, "idle");
    s->payload[0] = '\0';
}

/* Ends the request that owns S and lets the next one in. Must run in the thread that claimed
 * S with pthread_mutex_lock(&s->mu). */
static void session_release(struct session *s)
{
    s->requests++;
    strcpy(s->state, "idle");
    pthread_mutex_unlock(&s->mu); /* cross-task-exit when called from handoff_main */
}

/* BUG: started by dispatch_handoff() with the session already locked by the dispatcher. */
static void *handoff_main(void *arg)
{
    struct session *s = arg;

    snprintf(s->payload, sizeof(s->payload), "handled by a handoff thread");
    session_release(s); /* unlocks a mutex that main locked */
    return NULL;
}

/* Claims S for a request and hands the request to a new thread, which releases S when done.
 * Returns 0, or -1 if no thread could be started (then S is released here). */
static int dispatch_handoff(struct session *s, pthread_t *thread)
{
    pthread_mutex_lock(&s->mu); /* locked here, in main's thread */
    strcpy(s->state, "busy");
    if (pthread_create(thread, NULL, handoff_main, s) != 0) {
        session_release(s);
        return -1;
    }
    return 0;
}

/* OK: each worker locks and unlocks the session it was given, in its own thread. */
static void *worker_main(void *arg)
{
    struct session *s = arg;

    for (int i = 0; i < 3; i++) {
        pthread_mutex_lock(&s->mu);
        strcpy(s->state, "busy");
        snprintf(s->payload, sizeof(s->payload), "worker request %d", i);
        s->requests++;
        strcpy(s->state, "idle");
        pthread_mutex_unlock(&s->mu);
    }
    return NULL;
}

/* OK: fills a session that main has claimed; never touches its lock. */
static void *loader_main(void *arg)
{
    struct session *s = arg;

    snprintf(s->payload, sizeof(s->payload), "loaded for session %d", s->id);
    return NULL;
}

int main(void)
{
    struct session pool[NSESSIONS];
    pthread_t handoff, workers[2], loader;
    int started = 0;

    for (int i = 0; i < NSESSIONS; i++)
        session_init(&pool[i], i);

    /* 1. The bug: locked here (in dispatch_handoff), unlocked by handoff_main. */
    if (dispatch_handoff(&pool[0], &handoff) == 0)
        started = 1;

    /* 2. Correct: each worker owns the locking of its session. */
    for (int i = 0; i < 2; i++)
        pthread_create(&workers[i], NULL, worker_main, &pool[1 + i]);

    /* 3. Correct: the lock is held across the loader thread's life, released here after join. */
    pthread_mutex_lock(&pool[3].mu);
    strcpy(pool[3].state, "loading");
    pthread_create(&loader, NULL, loader_main, &pool[3]);
    pthread_join(loader, NULL);
    session_release(&pool[3]);

    if (started)
        pthread_join(handoff, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(workers[i], NULL);

    for (int i = 0; i < NSESSIONS; i++) {
        printf("session %d: %d request(s), %s, \"%s\"\n", pool[i].id, pool[i].requests,
               pool[i].state, pool[i].payload);
        pthread_mutex_destroy(&pool[i].mu);
    }
    return 0;
}
