/* exit_stack.c - deferred cleanup through an exit stack, closed in the wrong thread.
 *
 * An exit stack collects cleanup callbacks as resources are acquired and runs them in reverse
 * when it is closed, so one call undoes everything (Python's contextlib.ExitStack, APR's pool
 * cleanups, many servers' own "defer" lists). Here main locks db.mu, pushes a callback that
 * unlocks it, and hands the stack to a background flusher thread that closes it when the write
 * is flushed. Closing runs db_unlock() in the flusher's thread: the mutex is unlocked by a
 * thread that never locked it. helgrind sees it only when that run happens:
 *
 *     Thread #2 unlocked lock at 0x... currently held by thread #1
 *
 * (helgrind's later reports of the run follow from this one: it still counts the lock as
 * held by thread #1.)
 *
 * crosstask finds it statically: the callback is a function pointer stored into
 * stack->items[].fn by exit_stack_push() and called by exit_stack_close(); following the store
 * resolves the indirect call to db_unlock(). It reports the unlock inside db_unlock(), along
 * these lines:
 *
 *     examples/exit_stack.c:77:5: warning: pthread mutex 'db->mu' is unlocked in thread
 *         'flusher_main' but was locked in thread 'main' at examples/exit_stack.c:131
 *         [cross-task-exit]
 *
 * Beside it, correct use that crosstask must leave alone: db_count() locks, pushes the same
 * db_unlock() callback and closes its own stack in the same thread; main calls it before and
 * after the handoff, and a reader thread calls it on its own.
 *
 * Build and run:  cc -std=c11 -pthread -Wall -o exit_stack examples/exit_stack.c
 * Analyse:        build/crosstask examples/exit_stack.c -- -std=c11 -pthread
 */
#include <pthread.h>
#include <stdio.h>

#define EXIT_STACK_MAX 16

/* Cleanups to run, last pushed first, when the stack is closed. */
struct exit_stack {
    struct {
        void (*fn)(void *);
        void *arg;
    } items[EXIT_STACK_MAX];
    int n; /* items in use */
};

/* Registers FN(ARG) to run when STACK is closed. Returns 0, or -1 when STACK is full (then FN is
 * not registered and the caller must clean up itself). */
static int exit_stack_push(struct exit_stack *stack, void (*fn)(void *), void *arg)
{
    if (stack->n == EXIT_STACK_MAX)
        return -1;
    stack->items[stack->n].fn = fn;
    stack->items[stack->n].arg = arg;
    stack->n++;
    return 0;
}

/* Runs every registered cleanup, most recent first, and empties STACK. */
static void exit_stack_close(struct exit_stack *stack)
{
    while (stack->n > 0) {
        stack->n--;
        stack->items[stack->n].fn(stack->items[stack->n].arg);
    }
}

struct db {
    pthread_mutex_t mu; /* guards rows and pending */
    int rows;
    int pending;        /* rows written but not flushed */
};

/* A cleanup: unlocks the database ARG points to. */
static void db_unlock(void *arg)
{
    struct db *db = arg;

    pthread_mutex_unlock(&db->mu); /* crosstask: cross-task-exit when run by flusher_main */
}

/* OK: locks, registers the unlock, and closes the stack in the same thread. */
static int db_count(struct db *db)
{
    struct exit_stack stack = {.n = 0};
    int rows;

    pthread_mutex_lock(&db->mu);
    if (exit_stack_push(&stack, db_unlock, db) != 0) {
        pthread_mutex_unlock(&db->mu);
        return -1;
    }
    rows = db->rows;
    exit_stack_close(&stack);
    return rows;
}

/* OK: a thread that takes and releases the lock itself, through its own stack. */
static void *reader_main(void *arg)
{
    struct db *db = arg;

    return db_count(db) >= 0 ? arg : NULL;
}

struct flush_job {
    struct db *db;
    struct exit_stack *cleanup; /* closed when the flush is done */
};

/* BUG: closes a stack whose cleanups were registered by main, so db_unlock() runs here. */
static void *flusher_main(void *arg)
{
    struct flush_job *job = arg;

    job->db->rows += job->db->pending;
    job->db->pending = 0;
    exit_stack_close(job->cleanup); /* runs db_unlock(): unlocks main's lock in this thread */
    return NULL;
}

int main(void)
{
    struct db db = {.rows = 0, .pending = 0};
    struct exit_stack stack = {.n = 0};
    struct flush_job job = {.db = &db, .cleanup = &stack};
    pthread_t flusher, reader;

    pthread_mutex_init(&db.mu, NULL);
    printf("rows before: %d\n", db_count(&db));

    /* Write two rows under the lock, and let the flusher release it when they are on disk. */
    pthread_mutex_lock(&db.mu); /* locked here, in main's thread */
    if (exit_stack_push(&stack, db_unlock, &db) != 0) {
        pthread_mutex_unlock(&db.mu);
        return 1;
    }
    db.pending += 2;
    if (pthread_create(&flusher, NULL, flusher_main, &job) != 0) {
        exit_stack_close(&stack); /* fine: same thread */
        return 1;
    }
    pthread_join(flusher, NULL);

    pthread_create(&reader, NULL, reader_main, &db);
    pthread_join(reader, NULL);

    printf("rows after: %d\n", db_count(&db));
    pthread_mutex_destroy(&db.mu);
    return 0;
}
