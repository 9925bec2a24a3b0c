/* rules.h - rule packs: which calls enter and exit scopes, which start code in another task, and
 * which end a thread or the process. Loaded from JSON (rules/NAME.json, schema in rules/README.md)
 * by rules.c, the only module that sees cJSON.
 *
 * All strings in a loaded rule set are interned (ct_intern) and compare with ==.
 */
#ifndef CT_RULES_H
#define CT_RULES_H

#include <stddef.h>
#include <stdbool.h>
#include "ct.h"

enum ct_affinity {
    CT_AFFINITY_THREAD, /* the exit must run on the OS thread that entered */
    CT_AFFINITY_TASK    /* the exit must run in the task that entered, even on the same thread */
};

/* Which argument, or what, names the resource of an enter or exit. */
enum ct_resource_kind {
    CT_RES_ARG,     /* argument ARG */
    CT_RES_RETURN,  /* the variable the call's result is stored in (old = uselocale(loc)) */
    CT_RES_THREAD   /* the calling thread itself (one per thread, no argument) */
};

enum ct_resource_mode {
    CT_MODE_POINTEE, /* the object the argument points to: pthread_mutex_lock(&m) -> m */
    CT_MODE_LVALUE   /* the variable the argument reads: pthread_setcancelstate(old, 0) -> old */
};

enum ct_when {
    CT_WHEN_ALWAYS,          /* the call always enters */
    CT_WHEN_RETURNS_ZERO,    /* it enters only when it returns 0 (pthread_mutex_trylock) */
    CT_WHEN_RETURNS_NONZERO  /* it enters only when it returns non-zero (g_mutex_trylock) */
};

enum ct_result_use {
    CT_USE_ANY,    /* whether or not the result is used */
    CT_USE_USED,   /* only when the result is used (old = uselocale(loc) enters) */
    CT_USE_UNUSED  /* only when it is discarded (uselocale(old) exits) */
};

/* One call that enters or exits a scope. */
struct ct_scope_call {
    const char *call;                /* function name */
    enum ct_resource_kind resource;
    int arg;                         /* CT_RES_ARG: 0-based argument position */
    enum ct_resource_mode mode;
    enum ct_when when;               /* enters only; CT_WHEN_ALWAYS for exits */
    enum ct_result_use result;
    int arg_equals_index;            /* -1, or: only when argument N is spelled ARG_EQUALS */
    const char *arg_equals;
    int arg_not_equals_index;        /* -1, or: only when argument N is not spelled ARG_NOT_EQUALS */
    const char *arg_not_equals;
    /* An exit stack's push: the cleanup it pushes runs when the stack is closed, in the closing
     * task. FUNCTION is the argument holding it (-1: none), ARGUMENT the data it is called
     * with (-1: none), PARAMETER the cleanup's parameter that receives the data. */
    int function;
    int argument;
    int parameter;
    bool unscoped;  /* a push that is no scope of its own ("scope": false): only what its
                     * cleanup exits, where the close runs it, counts */
};

struct ct_scope {
    const char *kind;       /* kebab-case scope kind: "pthread-mutex" */
    const char *pack;       /* the pack it came from */
    const char *summary;    /* one sentence */
    const char *title;      /* how messages name it: "pthread mutex" */
    const char *enter_verb; /* "locked" */
    const char *exit_verb;  /* "unlocked" */
    enum ct_affinity affinity;
    bool stack;             /* an exit stack (exit_stacks): each push is a scope of its own */
    bool annotated;         /* entered/exited through source annotations; may have no calls */
    size_t nenter;
    struct ct_scope_call *enter;
    size_t nexit;
    struct ct_scope_call *exit;
};

enum ct_edge_kind {
    CT_EDGE_SPAWN,
    CT_EDGE_CALLBACK,
    CT_EDGE_DESTRUCTOR,
    CT_EDGE_SUSPENSION
};

/* Where the code an edge hands over runs, relative to the task that created the edge. */
enum ct_runs_on {
    CT_RUNS_NEW_THREAD,
    CT_RUNS_POOL_THREAD,
    CT_RUNS_LOOP_THREAD,
    CT_RUNS_SAME_THREAD_LATER,
    CT_RUNS_EXITING_THREAD,
    CT_RUNS_SIGNAL,
    CT_RUNS_ANY_THREAD,
    CT_RUNS_SIGNALLED_THREAD, /* the thread a call names (pthread_kill's target), not the caller */
    CT_RUNS_OTHER_LOOP_THREAD, /* not in packs: a loop-thread callback registered by a thread
                                * that runs no loop, while another thread of the program does */
    CT_RUNS_CALLER /* synchronously, before the call returns (qsort): not a new task */
};

/* When the handed-over code runs, for handlers that run at the end of something. */
enum ct_runs_at {
    CT_AT_ANY,          /* no particular moment (the default) */
    CT_AT_PROCESS_EXIT, /* when the process exits normally: at exit(), or when main returns */
    CT_AT_THREAD_EXIT   /* when a thread ends */
};

#define CT_KEY_RETURN (-2)
#define CT_JOIN_MAX 4 /* calls that join one edge's task */

struct ct_edge_rule {
    const char *call;     /* function name */
    const char *pack;
    const char *summary;
    enum ct_edge_kind kind;
    int function;         /* 0-based argument holding the function */
    int argument;         /* 0-based argument passed to it, or -1 */
    int parameter;        /* which parameter of the function receives ARGUMENT (default 0) */
    /* Languages with keyword arguments (Python): the same arguments passed by name, NULL if
     * none; a call passing `NAME=value` uses that argument instead of the position. */
    const char *function_keyword;
    const char *argument_keyword;
    /* The function (or argument) is a field of the struct the argument points to, dotted when
     * nested: sigaction's "__sigaction_handler.sa_handler", timer_create's
     * "_sigev_un._sigev_thread._function"; NULL when it is the argument itself. Interned. */
    const char *function_field;
    const char *argument_field;
    enum ct_runs_on runs_on;
    enum ct_runs_at runs_at;
    /* A destructor registered for a key (pthread_key_create): KEY is the argument pointing at
     * the key; the function runs for the value a thread sets with SET_CALL (argument SET_KEY
     * holds the key, SET_VALUE the value passed to the function), in that thread. */
    int key;               /* -1 when the edge has no key; CT_KEY_RETURN: the call's result
                            * is the key (pool = g_thread_pool_new(...)) */
    const char *set_call;  /* NULL when it has none */
    int set_key;
    int set_value;
    bool set_alternative; /* keyless set_by: this function is one of several that run as
                           * alternatives, each after the others (pthread_atfork's parent and
                           * child handlers, each after the prepare handler) */
    /* The handle of the started task (a std::thread object): argument HANDLE (-1: none), and
     * the calls that wait for the task to end when called on it (join, a joining destructor). */
    int handle;
    unsigned njoin;
    const char *join[CT_JOIN_MAX];
    /* Signals: SIGNAL is the argument holding the signal number (-1: none). On an edge with
     * runs_on CT_RUNS_SIGNAL it is the signal the handler is installed for; on an edge with no
     * FUNCTION (-1) the call delivers that signal, and the handlers installed for it run where
     * RUNS_ON says (pthread_kill: in the thread argument 0 names). */
    int signal;
    /* -1, or: on a spawn, the argument through which the new thread's id is stored
     * (pthread_create(&tid, ...)); on a signal delivery, the argument naming the target thread
     * (pthread_kill(tid, ...)): a delivery to a thread a spawn of the same function (or a global)
     * started runs the handlers in that thread. */
    int thread;
    /* A class's virtual function (GObject's finalize): the functions are every function the
     * program stores into field STORED_FIELD of a struct STORED_RECORD (object_class->finalize =
     * my_finalize); FUNCTION is then -1. Both interned, or NULL. */
    const char *stored_record;
    const char *stored_field;
    int arg_not_equals_index;  /* -1, or: the edge counts only when argument N is not spelled */
    const char *arg_not_equals; /* ARG_NOT_EQUALS (pthread_kill(pthread_self(), sig)) */
};

enum ct_terminator_kind {
    CT_TERM_THREAD, /* ends the calling thread like a return from its start function */
    CT_TERM_PROCESS /* ends the process: the path goes no further */
};

struct ct_terminator {
    const char *call;
    const char *pack;
    enum ct_terminator_kind kind;
    bool runs_exit_handlers; /* runs the CT_AT_PROCESS_EXIT handlers first (exit, not _exit) */
};

/* A call that returns 0 when called and non-zero only when a longjmp comes back to it
 * (setjmp): the non-zero branch is not a path of the normal flow. */
struct ct_setjmp {
    const char *call;
    const char *pack;
};

/* A call that runs an event loop on the calling thread (g_main_loop_run, event_base_dispatch):
 * the loop-thread callbacks the calling function registered before it run there, on this
 * thread, before it returns. */
struct ct_loop_runner {
    const char *call;
    const char *pack;
};

/* An awaitable type whose co_await resumes the coroutine on the thread that suspended it (an
 * allowlist: a suspension on it does not let a thread-bound scope move). */
struct ct_awaitable {
    const char *type; /* qualified type name, template arguments dropped */
    const char *pack;
};

/* An owning handle type (C++ smart pointers): its objects own an object of another class and
 * run that object's destructor when they release it. The frontend marks each release it sees
 * (the end of an owner's life: scope end, a closure's copy dying) with the owner's type. */
#define CT_RELEASE_MAX 4
struct ct_owner {
    const char *type;  /* qualified type name, template arguments dropped: "std::shared_ptr" */
    const char *pack;
    bool shared;       /* copies share the object: only the last owner's release destroys it */
    unsigned nrelease;
    const char *release[CT_RELEASE_MAX]; /* methods that release the owned object (reset) */
};

/* A call that returns one of its arguments unchanged (a checked cast such as GLib's
 * g_type_check_instance_cast behind MY_OBJECT(obj), a reference taken with g_object_ref): what
 * the result points to is what the argument points to. */
struct ct_returns_arg {
    const char *call;
    const char *pack;
    int argument; /* 0-based */
    bool reference; /* the result is a new reference (g_object_ref): a caller-run destructor
                     * edge (g_object_unref) on a local holding only such results drops that
                     * reference, never the last one */
};

struct ct_pack_info {
    const char *name;
    const char *summary;
    const char *see;
    const char *path; /* the file it was loaded from */
};

/* A set of loaded packs. Caller-owned storage: ct_rules_init / ct_rules_fini. */
struct ct_rules {
    size_t npacks;
    struct ct_pack_info *packs;
    size_t nscopes;
    struct ct_scope *scopes;
    size_t nedges;
    struct ct_edge_rule *edges;
    size_t nterminators;
    struct ct_terminator *terminators;
    size_t nsetjmps;
    struct ct_setjmp *setjmps;
    size_t nloop_runners;
    struct ct_loop_runner *loop_runners;
    size_t nawaitables;
    struct ct_awaitable *awaitables;
    size_t nowners;
    struct ct_owner *owners;
    size_t nreturns_args;
    struct ct_returns_arg *returns_args;
};

void ct_rules_init(struct ct_rules *rules);
void ct_rules_fini(struct ct_rules *rules);

/* Loads the pack at PATH, or every *.json in PATH if it is a directory (in name order), into
 * RULES. Returns 0, or CT_ERULES / CT_EIO / CT_ENOENT / CT_ENOMEM with ERR naming the file, the
 * line:col (malformed JSON) or key path (wrong types, unknown keys) and what is wrong. On error
 * RULES is left as it was before the call. */
int ct_rules_load(struct ct_rules *rules, const char *path, struct ct_error *err);

/* Loads a pack from TEXT (LEN bytes); NAME is used in error messages as the file. */
int ct_rules_load_text(struct ct_rules *rules, const char *text, size_t len, const char *name,
                       struct ct_error *err);

/* Looks up the scope of SCOPE_KIND, or NULL. Borrowed from RULES. */
const struct ct_scope *ct_rules_find_scope(const struct ct_rules *rules, const char *kind);

/* The first edge rule for a call to NAME (interned), or NULL. Borrowed from RULES. */
const struct ct_edge_rule *ct_rules_find_edge(const struct ct_rules *rules, const char *name);

/* The terminator for a call to NAME (interned), or NULL. Borrowed from RULES. */
const struct ct_terminator *ct_rules_find_terminator(const struct ct_rules *rules,
                                                     const char *name);

/* Whether NAME (interned) is a loop runner of RULES (runs the loop on the calling thread). */
bool ct_rules_is_loop_runner(const struct ct_rules *rules, const char *name);

/* Whether NAME (interned) is a setjmp-like call of RULES. */
bool ct_rules_is_setjmp(const struct ct_rules *rules, const char *name);

/* The owner rule for owning type TYPE (interned), or NULL. Borrowed from RULES. */
const struct ct_owner *ct_rules_find_owner(const struct ct_rules *rules, const char *type);

/* The owner rule one of whose release methods is NAME (interned), or NULL. */
const struct ct_owner *ct_rules_find_owner_release(const struct ct_rules *rules,
                                                   const char *name);
/* The argument a call to NAME (interned) returns unchanged, or -1. */
int ct_rules_returned_argument(const struct ct_rules *rules, const char *name);

/* Whether call NAME returns a new reference to its argument (`reference` in returns_argument). */
bool ct_rules_returns_reference(const struct ct_rules *rules, const char *name);

/* Whether a co_await on TYPE (interned) resumes on the same thread, per RULES. */
bool ct_rules_is_same_thread_awaitable(const struct ct_rules *rules, const char *type);

/* Names of enums, as written in packs and output ("new-thread", "spawn", "thread"). */
const char *ct_runs_on_name(enum ct_runs_on r);
const char *ct_edge_kind_name(enum ct_edge_kind k);
const char *ct_affinity_name(enum ct_affinity a);

#endif
