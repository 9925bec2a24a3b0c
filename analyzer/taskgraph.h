/* taskgraph.h - the whole program over the facts of every translation unit: functions merged by
 * USR, each call site classified against the rule packs (scope enter/exit, edge, terminator, call
 * of a defined function), function pointers resolved through the stores that feed them, the call
 * graph in bottom-up order, and the tasks (main or library entries, and every edge target) with
 * the functions each one reaches. */
#ifndef CT_TASKGRAPH_H
#define CT_TASKGRAPH_H

#include <stddef.h>
#include "ct.h"
#include "facts.h"
#include "rules.h"

/* A scope enter or exit a call performs. */
struct ct_site_event {
    const struct ct_scope *scope;    /* borrowed from the rules */
    const struct ct_scope_call *sc;  /* the matching enter/exit entry */
    bool enter;
};

/* What one call site does. */
struct ct_site {
    unsigned nevents;
    struct ct_site_event *events;      /* scope enters and exits */
    unsigned ntargets;
    unsigned *targets;                 /* defined functions called, or started by an edge */
    const struct ct_edge_rule **tedges; /* NULL, or per target: the edge rule that hands it
                                         * over (a call may have several: uv_queue_work's work
                                         * and after-work callbacks, pthread_atfork's three) */
    const struct ct_edge_rule *edge;   /* the call's first spawn/callback/destructor, or NULL */
    struct ct_value *targs;            /* NULL, or per target: the value its parameter receives
                                        * (an exit stack's close runs each pushed cleanup with
                                        * the data pushed with it; CT_VAL_UNKNOWN: none) */
    const char **tthreads;             /* NULL, or per target: the thread it runs in, named by
                                        * the start routine an edge of the program started
                                        * there (a signal delivered to that thread), or NULL */
    const struct ct_terminator *term;  /* pthread_exit-like or exit-like, or NULL */
};

struct ct_fn {
    const struct ct_function *f;   /* borrowed from the facts */
    struct ct_site *sites;         /* one per call of f */
    unsigned ncallers;             /* call sites anywhere that call it directly or indirectly */
    int task;                      /* the first task reaching it, or -1 */
    unsigned ntasks;               /* how many tasks reach it */
};

struct ct_task {
    const char *name;      /* the entry function's name, interned */
    unsigned entry;        /* index into fns */
    int parent_fn;         /* the function holding the edge, -1 for a root */
    const struct ct_edge_rule *edge; /* NULL for a root */
    struct ct_loc edge_loc;
};

struct ct_program {
    const struct ct_rules *rules;
    size_t nfns;
    struct ct_fn *fns;
    size_t norder;
    unsigned *order;       /* fns in bottom-up order (callees before callers) */
    unsigned *scc;         /* scc[i]: the strongly connected component of fns[i] */
    size_t ntasks;
    struct ct_task *tasks;
    int main_fn;           /* index of the first main, or -1 */
    size_t nexit_handlers;
    unsigned *exit_handlers; /* functions registered to run at process exit (atexit) */
    struct ct_tg_private *priv;
};

/* Builds the program from NTUS facts and RULES into P (caller storage). Returns 0 or CT_ENOMEM.
 * P borrows the facts and the rules: they must outlive it. Free with ct_program_fini(). */
int ct_program_build(struct ct_program *p, const struct ct_tu_facts *const *tus, size_t ntus,
                     const struct ct_rules *rules);

void ct_program_fini(struct ct_program *p);

/* Whether function FN is a program's main. */
bool ct_program_is_main(const struct ct_program *p, unsigned fn);

/* The index of the defined function with USR, or -1. */
int ct_program_find(const struct ct_program *p, const char *usr);

/* The functions a function value V, read in function FN, may be: writes up to MAX indices into
 * OUT and returns how many there are (which may exceed MAX). */
unsigned ct_program_resolve(const struct ct_program *p, unsigned fn, const struct ct_value *v,
                            unsigned *out, unsigned max);

/* ct_program_resolve, and in *KNOWN whether the answer is the whole set: true for a function,
 * for a slot that holds some, and for a struct field no function is ever stored in (none, as
 * a call through that field finds none); false where the value was not followed. */
unsigned ct_program_resolve_known(const struct ct_program *p, unsigned fn,
                                  const struct ct_value *v, unsigned *out, unsigned max,
                                  bool *known);

/* The edge rule that hands target K of site S over (NULL: a plain call). */
static inline const struct ct_edge_rule *ct_site_edge(const struct ct_site *s, unsigned k)
{
    return s->tedges ? s->tedges[k] : s->edge;
}

/* The argument of call C holding the function edge RULE hands over, or -1 when C has none; and
 * the argument RULE passes it, or -1. A keyword argument (`target=f`, spelled so in the
 * argument's text) named by the rule's function_keyword/argument_keyword wins over the position. */
int ct_edge_function_arg(const struct ct_edge_rule *rule, const struct ct_call *c);

/* The value of RULE's function (ct_edge_function_arg's argument, or the field of what it points
 * to when the rule has a function_field) at call C of function F, in *OUT; the field's records
 * and offset-0 marks are taken from a store or argument of F naming the same fields. False when
 * there is none. */
bool ct_edge_function_value(const struct ct_edge_rule *rule, const struct ct_call *c,
                            const struct ct_function *f, struct ct_value *out);

/* The same for RULE's argument (argument_field). */
bool ct_edge_argument_value(const struct ct_edge_rule *rule, const struct ct_call *c,
                            const struct ct_function *f, struct ct_value *out);
int ct_edge_argument_arg(const struct ct_edge_rule *rule, const struct ct_call *c);

/* Whether the function value V an edge hands over is bound to data (a closure, a bound method, a
 * coroutine: CT_VAL_FUNC with a path); then *DATA is that data, which the function receives as
 * its parameter 0 (and the edge's argument as parameter 1). */
bool ct_value_bound_data(const struct ct_value *v, struct ct_value *data);

/* Whether code handed over along an edge that RUNS_ON runs in another thread / another task. */
bool ct_runs_on_changes_thread(enum ct_runs_on r);
bool ct_runs_on_changes_task(enum ct_runs_on r);

/* Writes the tasks and their functions (--dump=tasks) through WRITE to OUT. */
void ct_program_dump(const struct ct_program *p, ct_write_fn write, void *out);

#endif
