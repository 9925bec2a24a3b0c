/* analysis.c - finds cross-task exits: a data-flow over each function's instructions, bottom-up
 * over the call graph, composing per-function summaries.
 *
 * The state at each instruction is a set of facts "resource R is held", each with an origin:
 * entered here (OWN), held by the caller on entry (ENTRY, only to learn what a function surely
 * exits), or held by another task (FOREIGN: a started task that returned holding it). A summary
 * says, relative to the function's parameters and globals, which exits are not matched by the
 * function's own enters (exposed), which of them happen on every path (killed), what is left held
 * (leaked), what started tasks left held (foreign), which exits happen in tasks the function
 * started and were not matched there (pending), and which pointer stores it made (stores).
 * Composing them at call sites and edges, with parameters replaced by arguments, gives the
 * findings. Must never do I/O.
 */
#include "analysis.h"
#include "taskgraph.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STEPS 8     /* trace steps kept for one exit */
#define MAX_REWRITE 4   /* store rewrites tried for one path */
#define MAX_EXPORTED_STORES 64 /* stores one summary passes up to its callers */
#define MAX_SUMMARY_EXITS 128  /* exposed, and pending, exits one summary carries */
#define MAX_SUMMARY_HELD 64    /* leaked, and foreign, facts one summary carries */
#define MAX_ENTERS 4096        /* distinct enters one function remembers */
/* The work one function's analysis may take (facts compared or copied, entries applied), after
 * which it degrades to a quieter answer: its summary passes nothing up and its findings are
 * dropped. Counted in units, not seconds, so that every run gives the same answer. */
#define FN_BUDGET 2000000ULL
/* Summaries specialised to the functions a call passes for a function-pointer parameter (a
 * list's free_full given g_free, not every destroy function any caller passes): the parameters
 * and targets one specialisation tells apart, how many one function may have, how deep they
 * nest, and the work all of them together may take before calls fall back to the general
 * summary. */
#define SPEC_PARAMS 8
#define SPEC_TARGETS 32
#define SPEC_PER_FN 16
#define SPEC_DEPTH 4
#define SPEC_BUDGET 150000000ULL
#define SPEC_FN_BUDGET 200000ULL
/* A call through a pointer that may reach more functions than this is a guess at which runs
 * (a class's finalize, a log handler): what it enters and exits still counts for what is held,
 * but names no finding. */
#define WEAK_TARGETS 8

struct step {
    struct ct_loc loc;
    const char *what; /* interned */
};

/* OWN: entered here; ENTRY: held by the caller on entry; FOREIGN: a started task returned
 * holding it; AT_TIMES: a started task enters it at some point (and may exit it again), so it
 * may be held by that task while this one runs. */
enum origin { OWN, ENTRY, FOREIGN, AT_TIMES };

struct fact {
    const struct ct_path *path;    /* interned (path_intern): equal paths, one pointer */
    enum origin origin;
    const struct ct_scope *scope;
    struct ct_loc enter;           /* OWN, FOREIGN: where it was entered */
    const char *text;              /* the resource as written at the enter, interned */
    int call;                      /* OWN: the call (of this function) that entered, or -1 */
    enum ct_when when;             /* OWN from a call: its condition */
    const char *task;              /* FOREIGN, AT_TIMES: the task that holds it */
    struct ct_loc edge_loc;        /* FOREIGN, AT_TIMES: where that task was started */
    const struct ct_edge_rule *edge;
    unsigned long long hash;       /* set by state_add: of path, origin and task */
    bool many;                     /* OWN: entered more than once (a recursive lock) */
    bool loop_only;                /* OWN: held here only through a loop's back edge, so not
                                    * the first time round: an exit of it then exits something
                                    * this function did not enter */
    unsigned loop_header;          /* LOOP_ONLY: the header of that loop */
    bool weak;                     /* entered only through a call of many possible targets
                                    * (WEAK_TARGETS): no finding names it */
};

/* An exit not matched where it happened. */
struct xexit {
    struct ct_path path;
    const struct ct_scope *scope;
    struct ct_loc site;            /* the exit call */
    const char *text;              /* the resource as written at the exit */
    const char *function;          /* the function holding the exit call */
    bool killed;                   /* in a summary: exited on every path */
    /* pending (exits in another task) only: */
    const char *task;              /* the task the exit runs in */
    struct ct_loc edge_loc;        /* the edge that started it */
    const struct ct_edge_rule *edge;
    const char *edge_task;         /* the task the edge started (for the note) */
    /* exposed only: a task started before the exit that enters the resource at times (the
     * enter it may undo, if the exit is never matched by one of its own task) */
    bool has_other;
    struct ct_loc other_enter;
    const char *other_task;
    struct ct_loc other_edge_loc;
    const struct ct_edge_rule *other_edge;
    bool weak;                     /* reached only through a call of many possible targets
                                    * (WEAK_TARGETS): it ends what it exits, but names no
                                    * finding */
    unsigned nsteps;
    struct step steps[MAX_STEPS];  /* call chain down to the exit */
};

/* A struct ct_value whose path is interned (path_intern): what a store keeps. */
struct sval {
    enum ct_value_kind kind;
    const struct ct_path *path;    /* CT_VAL_LOAD, CT_VAL_ADDR; else NULL */
    const char *func, *func_name;  /* CT_VAL_FUNC */
    int call;                      /* CT_VAL_RESULT */
    long long const_value;         /* CT_VAL_CONST */
    const char *text;
};

struct store {
    const struct ct_path *dst;     /* interned */
    struct sval src;
    unsigned long long hash;       /* of the whole store, for de-duplication */
    int next_same;                 /* next store with an equal hash, -1 */
    int next_dst;                  /* next store with the same dst hash, -1 */
    int next_field;                /* next store whose dst ends in the same field, -1 */
};

/* A set of stores indexed three ways: whole store, destination, destination's last field. */
struct storeset {
    struct store *v;
    size_t n, cap;
    int *by_hash, *by_dst, *by_field; /* heads, NSLOTS each, -1 when empty */
    size_t nslots;
};

/* An open-addressing index over an array: the hash of each element and its position. */
struct hslot {
    unsigned long long h;
    int idx;                       /* -1: empty */
};

struct hindex {
    struct hslot *s;
    size_t cap, n;
};

struct summary {
    int ret_state;                 /* 0 returns no pointer known, 1 always RET, 2 several */
    struct ct_value ret;           /* what it returns, in its own frame */
    struct xexit *exposed;
    size_t nexposed, capexposed;
    struct fact *leaked;
    size_t nleaked, capleaked;
    struct fact *foreign;          /* FOREIGN and AT_TIMES facts left at the returns */
    size_t nforeign, capforeign;
    struct fact *entered;          /* what it (or a callee) enters at any point */
    size_t nentered, capentered;
    struct xexit *pending;
    size_t npending, cappending;
    struct store *stores;
    size_t nstores, capstores;
};

struct raw_finding {
    unsigned fn;                   /* where it was found */
    const struct ct_scope *scope;
    const char *text;
    struct ct_loc enter;
    const char *enter_task;        /* NULL: the task of FN */
    struct ct_loc exit;
    const char *exit_task;         /* NULL: the task of FN */
    const char *exit_function;
    struct ct_loc edge_loc;
    const struct ct_edge_rule *edge;
    const char *edge_task;         /* the task the edge started */
    unsigned nsteps;
    struct step steps[MAX_STEPS];
    bool suspend;                  /* held-across-suspend: EXIT is the suspension point */
    const char *awaited;           /* suspend: the awaited expression as written */
};

struct state {
    bool reached;
    unsigned n, cap;
    struct fact *v;
};

#define MAX_ALTS 8

struct alias {
    const char *key;
    int kind;                      /* 0 unique value, 1 several values (lost), 2 one call result */
    struct ct_value value;
    unsigned nalts;                /* kind 1: the pointer values it was given, up to MAX_ALTS */
    struct ct_value alts[MAX_ALTS];
};

/* An interned path: equal paths (every field, the spelling too) share one. */
struct ipath {
    struct ct_path p;              /* first: a struct ct_path * to it is a struct ipath * */
    unsigned long long h;          /* ct_path_hash of P */
};

#define PATHS_CHUNK 512

/* Every path a fact holds, interned for the whole analysis: a fact carries one pointer instead
 * of the path (a state is copied at every block, and a path is most of a fact), and hashes
 * it for free. */
struct pathtab {
    struct ipath **chunks;         /* PATHS_CHUNK paths each; pointers into them are stable */
    size_t nchunks, capchunks, n;
    const struct ipath **slots;    /* open addressing by hash, NULL empty */
    size_t cap;
};

/* Which functions each callback parameter of a function holds in one specialisation: N[A]
 * targets T[A][...] (sorted), or N[A] == 0 for whatever any caller passes. */
struct fpctx {
    unsigned char n[SPEC_PARAMS];
    unsigned t[SPEC_PARAMS][SPEC_TARGETS];
    unsigned null_params;          /* bit A: the call passes NULL (0) for parameter A */
    unsigned nonnull_params;       /* bit A: the call passes a pointer to an object, a function
                                    * or a constant other than 0 for parameter A */
};

struct spec {
    unsigned fn;
    struct fpctx ctx;
    struct summary sum;
    int next;                      /* the function's next specialisation, -1 */
    unsigned long long round;      /* in a recursive component: the round it was made in */
    bool failed;                   /* went over SPEC_FN_BUDGET: calls use the general summary */
};

struct an {
    struct ct_program *prog;
    struct pathtab paths;
    struct storeset gstores;       /* stores that mean the same in every function */
    struct summary *sums;
    struct raw_finding *raw;
    size_t nraw, capraw;
    bool oom;
    unsigned long long work;       /* units of work spent on the function being analysed */
    bool over_budget_fn;           /* the last function analysed went over its budget */
    unsigned long long budget;     /* the budget of the function being analysed: FN_BUDGET,
                                    * or SPEC_FN_BUDGET for a specialisation */
    unsigned char *flags;          /* per function: 1 its own analysis went over FN_BUDGET,
                                    * 2 its summary reached a cap */
    bool capped_fn;                /* the last function analysed reached a summary cap */
    const struct ct_analysis_opts *opts;
    struct ct_analysis_stats *stats;
    /* specialised summaries (struct fpctx) */
    struct spec *specs;
    size_t nspecs, capspecs;
    int *spec_head;                /* per function: its first specialisation, -1 */
    unsigned short *cbmask;        /* per function: bit A (< 8), parameter A is a callback it
                                    * calls or passes on; bit 8 + A (A < 7), parameter A is a
                                    * pointer it tests against null; bit 15, computed */
    unsigned spec_depth;           /* specialisations being analysed, nested */
    unsigned long long round;      /* counts the rounds over recursive components */
    unsigned long long spec_work;  /* work all specialisations took */
};

/* The function being analysed. */
struct fnctx {
    struct an *an;
    unsigned fn;
    const struct ct_function *f;
    struct summary *sum;            /* being built */
    const struct fpctx *ctx;        /* NULL, or the callbacks its parameters hold */
    bool quiet;                     /* the second (ENTRY) pass: record nothing */
    struct alias *aliases;
    size_t naliases, capaliases;
    int *alias_slots;               /* open addressing over aliases by key, -1 empty */
    size_t alias_cap;
    struct storeset stores;         /* own and callees', in this frame */
    struct fact *enters;            /* every resource this function entered itself */
    size_t nenters, capenters;
    struct hindex enters_ix;        /* over enters: path and scope */
    struct hindex exposed_ix;       /* over sum->exposed: path, scope and site */
    struct hindex pending_ix;       /* over sum->pending: path, scope and site */
    bool capped;                    /* a summary list reached its cap */
    struct state ret;               /* join of the states at returns */
    /* the shape of the function's control flow, for loops (NULL when out of memory) */
    unsigned *pre, *post;           /* depth-first numbering; UINT_MAX: never reached */
    unsigned *idom;                 /* immediate dominator of each instruction */
    unsigned *latch;                /* back edges: source LATCH[2k] to header LATCH[2k+1] */
    unsigned nlatch;
    unsigned at;                    /* the instruction being applied */
};

/* --- paths and values -------------------------------------------------------------------- */

/* The ops a lost path (no base) keeps: its tail. Two lost paths are told apart by how they
 * end (->pLockMutex->mutex), never by the chain of pointers before the analysis lost them
 * (->pWalFd->pInode or ->fd->pInode): an exit through a lost pointer is matched by shape anyway,
 * and a state that kept every spelling of one mutex would fill up with them. */
#define LOST_TAIL 4

static void lost_canon(struct ct_path *p)
{
    if (p->base != CT_BASE_NONE || p->nops <= LOST_TAIL)
        return;
    ct_path_set_ops(p, p->ops + (p->nops - LOST_TAIL), LOST_TAIL);
}

/* Identity for interning: every field that any reader may look at. */
static bool path_ident(const struct ct_path *a, const struct ct_path *b)
{
    if (a->base != b->base || a->index != b->index || a->key != b->key || a->name != b->name ||
        a->nops != b->nops || a->truncated != b->truncated)
        return false;
    for (unsigned i = 0; i < a->nops; i++)
        if (a->ops[i].kind != b->ops[i].kind || a->ops[i].first != b->ops[i].first ||
            a->ops[i].field != b->ops[i].field || a->ops[i].record != b->ops[i].record)
            return false;
    return true;
}

static const struct ipath lost_ipath = {.p = {.base = CT_BASE_NONE}};

static bool pathtab_grow(struct pathtab *t)
{
    size_t ncap = t->cap ? t->cap * 2 : 1024;
    const struct ipath **ns = calloc(ncap, sizeof(*ns));
    if (!ns)
        return false;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slots[i])
            continue;
        size_t j = (size_t)t->slots[i]->h & (ncap - 1);
        while (ns[j])
            j = (j + 1) & (ncap - 1);
        ns[j] = t->slots[i];
    }
    free(t->slots);
    t->slots = ns;
    t->cap = ncap;
    return true;
}

/* The interned copy of P; on out of memory, sets AN->oom and returns a lost path. */
static const struct ct_path *path_intern(struct an *an, const struct ct_path *in)
{
    struct pathtab *t = &an->paths;
    struct ct_path canon;
    const struct ct_path *p = in;
    if (in->base == CT_BASE_NONE && in->nops > LOST_TAIL) {
        canon = *in;
        lost_canon(&canon);
        p = &canon;
    }
    unsigned long long h = ct_path_hash(p);
    if (t->n * 2 >= t->cap && !pathtab_grow(t)) {
        an->oom = true;
        return &lost_ipath.p;
    }
    size_t j = (size_t)h & (t->cap - 1);
    for (; t->slots[j]; j = (j + 1) & (t->cap - 1))
        if (t->slots[j]->h == h && path_ident(&t->slots[j]->p, p))
            return &t->slots[j]->p;
    if (t->n % PATHS_CHUNK == 0) {
        struct ipath *chunk = malloc(PATHS_CHUNK * sizeof(*chunk));
        if (!chunk || ct_grow((void **)&t->chunks, &t->capchunks, t->nchunks + 1,
                              sizeof(*t->chunks)) != 0) {
            free(chunk);
            an->oom = true;
            return &lost_ipath.p;
        }
        t->chunks[t->nchunks++] = chunk;
    }
    struct ipath *ip = &t->chunks[t->nchunks - 1][t->n++ % PATHS_CHUNK];
    memset(ip, 0, sizeof(*ip));
    ip->p.base = p->base;
    ip->p.index = p->index;
    ip->p.key = p->key;
    ip->p.name = p->name;
    ip->p.nops = p->nops;
    ip->p.truncated = p->truncated;
    ip->p.ops = p->ops; /* interned (ct_ops_intern) */
    ip->h = h;
    t->slots[j] = ip;
    return &ip->p;
}

/* The hash of an interned path, without hashing it again. */
static unsigned long long ipath_hash(const struct ct_path *p)
{
    return ((const struct ipath *)(const void *)p)->h;
}

static struct sval sval_of(struct an *an, const struct ct_value *v)
{
    struct sval s = {v->kind, NULL, v->func, v->func_name, v->call, v->const_value, v->text};
    if (v->kind == CT_VAL_LOAD || v->kind == CT_VAL_ADDR)
        s.path = path_intern(an, &v->path);
    return s;
}

static struct ct_value value_of(const struct sval *s)
{
    struct ct_value v;
    v.kind = s->kind;
    if (s->path)
        v.path = *s->path;
    else
        memset(&v.path, 0, sizeof(v.path));
    v.func = s->func;
    v.func_name = s->func_name;
    v.call = s->call;
    v.const_value = s->const_value;
    v.text = s->text;
    return v;
}

static void pathtab_fini(struct pathtab *t)
{
    for (size_t i = 0; i < t->nchunks; i++)
        free(t->chunks[i]);
    free(t->chunks);
    free(t->slots);
    memset(t, 0, sizeof(*t));
}

static struct ct_path lost_path(const struct ct_op *ops, unsigned nops)
{
    struct ct_path p;
    memset(&p, 0, sizeof(p));
    p.base = CT_BASE_NONE;
    for (unsigned i = 0; i < nops; i++)
        ct_path_push(&p, ops[i]);
    return p;
}

static bool path_has_field(const struct ct_path *p)
{
    for (unsigned i = 0; i < p->nops; i++)
        if (p->ops[i].kind == CT_OP_FIELD)
            return true;
    return false;
}

/* IN's base variable holds V: the same storage spelled from V. */
static struct ct_path rebase(const struct ct_path *in, const struct ct_value *v)
{
    struct ct_path out;
    if (v->kind == CT_VAL_LOAD && v->path.base != CT_BASE_NONE) {
        out = v->path;
        for (unsigned i = 0; i < in->nops; i++)
            ct_path_push(&out, in->ops[i]);
        out.truncated |= in->truncated;
        return out;
    }
    if (v->kind == CT_VAL_ADDR && in->nops > 0 && in->ops[0].kind == CT_OP_DEREF) {
        out = v->path;
        for (unsigned i = 1; i < in->nops; i++)
            ct_path_push(&out, in->ops[i]);
        out.truncated |= in->truncated;
        return out;
    }
    if ((v->kind == CT_VAL_LOAD || v->kind == CT_VAL_ADDR) && v->path.base == CT_BASE_NONE) {
        out = v->path;
        if (v->kind == CT_VAL_ADDR && in->nops > 0 && in->ops[0].kind == CT_OP_DEREF) {
            for (unsigned i = 1; i < in->nops; i++)
                ct_path_push(&out, in->ops[i]);
        } else {
            for (unsigned i = 0; i < in->nops; i++)
                ct_path_push(&out, in->ops[i]);
        }
        return out;
    }
    return lost_path(in->ops, in->nops);
}

/* Arguments bound to a callee's parameters, read in the caller CX. */
struct binding {
    const struct ct_value *args;
    unsigned nargs;
    int only;                      /* >= 0: only parameter PARAM is bound, to args[only] */
    const struct fnctx *cx;
    int param;                     /* with ONLY: the parameter bound (an edge's 'parameter') */
    bool same_frame;               /* the callee is a closure of the caller's frame: its
                                    * parameters and locals are the caller's own */
};

/* How the function an edge call C hands over by RULE receives its parameters: the edge's
 * argument as its parameter RULE->parameter, or, for a function value bound to data (a
 * closure, a bound method, a coroutine), the data as parameter 0 and the argument as 1. VALS is
 * the caller's storage for those two values. */
static void edge_binding(struct binding *b, const struct ct_edge_rule *rule,
                         const struct ct_call *c, struct ct_value vals[2],
                         const struct fnctx *cx)
{
    int fa = ct_edge_function_arg(rule, c), da = ct_edge_argument_arg(rule, c);
    b->cx = cx;
    b->same_frame = false;
    if (fa >= 0 && ct_value_bound_data(&c->args[fa], &vals[0])) {
        unsigned n = 1;
        if (da >= 0)
            vals[n++] = c->args[da];
        b->args = vals;
        b->nargs = n;
        b->only = -1;
        b->param = 0;
        return;
    }
    b->args = c->args;
    b->nargs = c->nargs;
    b->only = da >= 0 ? da : (int)c->nargs + 1;
    b->param = rule->parameter;
    if (rule->argument_field && ct_edge_argument_value(rule, c, cx->f, &vals[1])) {
        b->args = &vals[1]; /* a field of what the argument points to: sigev_value */
        b->nargs = 1;
        b->only = 0;
    }
}

/* The function whose frame F's code runs in: its own, or the one a closure shares. */
static const char *frame_of(const struct ct_function *f)
{
    return f->closure_of ? f->closure_of : f->usr;
}

static size_t alias_hash(const char *key, size_t cap)
{
    return (size_t)ct_hash(CT_HASH_INIT, &key, sizeof(key)) & (cap - 1);
}

static const struct alias *alias_find(const struct fnctx *cx, const char *key)
{
    if (!cx->alias_cap) {
        for (size_t i = 0; i < cx->naliases; i++)
            if (cx->aliases[i].key == key)
                return &cx->aliases[i];
        return NULL;
    }
    for (size_t j = alias_hash(key, cx->alias_cap); cx->alias_slots[j] >= 0;
         j = (j + 1) & (cx->alias_cap - 1))
        if (cx->aliases[cx->alias_slots[j]].key == key)
            return &cx->aliases[cx->alias_slots[j]];
    return NULL;
}

/* Indexes alias number I (the table stays at most half full). */
static void alias_index(struct fnctx *cx, size_t i)
{
    if ((cx->naliases + 1) * 2 > cx->alias_cap) {
        size_t ncap = cx->alias_cap ? cx->alias_cap * 2 : 64;
        int *slots = malloc(ncap * sizeof(int));
        if (!slots) {
            free(cx->alias_slots);
            cx->alias_slots = NULL;
            cx->alias_cap = 0; /* fall back to the linear search */
            return;
        }
        for (size_t k = 0; k < ncap; k++)
            slots[k] = -1;
        free(cx->alias_slots);
        cx->alias_slots = slots;
        cx->alias_cap = ncap;
        for (size_t k = 0; k < cx->naliases; k++) {
            if (k == i)
                continue;
            size_t j = alias_hash(cx->aliases[k].key, ncap);
            while (slots[j] >= 0)
                j = (j + 1) & (ncap - 1);
            slots[j] = (int)k;
        }
    }
    size_t j = alias_hash(cx->aliases[i].key, cx->alias_cap);
    while (cx->alias_slots[j] >= 0)
        j = (j + 1) & (cx->alias_cap - 1);
    cx->alias_slots[j] = (int)i;
}

/* Follows locals that hold one known pointer value to what they point at. */
static struct ct_path normalize(const struct fnctx *cx, struct ct_path p)
{
    for (int depth = 0; depth < 6 && p.base == CT_BASE_LOCAL; depth++) {
        const struct alias *a = alias_find(cx, p.key);
        if (!a || a->kind != 0)
            return p; /* the local itself names what it holds */
        p = rebase(&p, &a->value);
    }
    return p;
}

static struct ct_value subst_value(const struct ct_value *v, const struct binding *b);

/* The value call K of the function returns, when its callee always returns one known pointer
 * relative to its parameters: account_lock(&acct) -> &acct.mu. */
static bool resolve_result(const struct fnctx *cx, int k, struct ct_value *out)
{
    if (k < 0 || (unsigned)k >= cx->f->ncalls)
        return false;
    const struct ct_site *site = &cx->an->prog->fns[cx->fn].sites[k];
    int same = ct_rules_returned_argument(cx->an->prog->rules, cx->f->calls[k].callee_name);
    if (same >= 0 && (unsigned)same < cx->f->calls[k].nargs) {
        *out = cx->f->calls[k].args[same]; /* a checked cast, a new reference: the argument */
        return out->kind == CT_VAL_LOAD || out->kind == CT_VAL_ADDR;
    }
    if (site->ntargets != 1 || site->edge || site->nevents)
        return false;
    const struct summary *S = &cx->an->sums[site->targets[0]];
    if (S->ret_state != 1)
        return false;
    const struct ct_call *c = &cx->f->calls[k];
    struct binding b = {c->args, c->nargs, -1, cx, 0, false};
    *out = subst_value(&S->ret, &b);
    return out->kind == CT_VAL_LOAD || out->kind == CT_VAL_ADDR || out->kind == CT_VAL_FUNC;
}

static struct ct_value normalize_value(const struct fnctx *cx, struct ct_value v)
{
    if (v.kind == CT_VAL_RESULT) {
        struct ct_value r;
        const char *text = v.text;
        if (resolve_result(cx, v.call, &r)) {
            v = r;
            v.text = text;
        }
    }
    /* Reading a local that holds one known value reads that value: m = &ctx->mu; lock(m). */
    for (int depth = 0; depth < 6 && v.kind == CT_VAL_LOAD && v.path.base == CT_BASE_LOCAL &&
                        v.path.nops == 0;
         depth++) {
        const struct alias *a = alias_find(cx, v.path.key);
        if (!a || a->kind != 0)
            break;
        const char *text = v.text;
        v = a->value;
        v.text = text;
    }
    if (v.kind == CT_VAL_LOAD || v.kind == CT_VAL_ADDR)
        v.path = normalize(cx, v.path);
    return v;
}

static struct ct_path subst(const struct ct_path *p, const struct binding *b)
{
    if (b->same_frame && (p->base == CT_BASE_PARAM || p->base == CT_BASE_LOCAL))
        return normalize(b->cx, *p);
    switch (p->base) {
    case CT_BASE_PARAM: {
        struct ct_value v;
        memset(&v, 0, sizeof(v));
        v.kind = CT_VAL_UNKNOWN;
        if (b->only >= 0) {
            if (p->index == b->param && (unsigned)b->only < b->nargs)
                v = b->args[b->only];
        } else if ((unsigned)p->index < b->nargs) {
            v = b->args[p->index];
        }
        v = normalize_value(b->cx, v);
        return normalize(b->cx, rebase(p, &v));
    }
    case CT_BASE_GLOBAL:
    case CT_BASE_NONE:
        return *p;
    case CT_BASE_LOCAL:
        /* Only a closure exports its locals, which are its frame's: a local a lambda names
         * (its key is 'cap:' and its USR, one in the program) stays that variable in any
         * caller (a job a pool's worker calls unlocks main's local mutex). */
        if (p->key && strncmp(p->key, "cap:", 4) == 0)
            return *p;
        return lost_path(p->ops, p->nops);
    default:
        return lost_path(p->ops, p->nops);
    }
}

static struct ct_value subst_value(const struct ct_value *v, const struct binding *b)
{
    struct ct_value r = *v;
    if (b->same_frame)
        return normalize_value(b->cx, r);
    if (v->kind == CT_VAL_LOAD && v->path.base == CT_BASE_PARAM && v->path.nops == 0) {
        /* the parameter's own value: the argument */
        int k = b->only >= 0 ? (v->path.index == b->param ? b->only : -1) : v->path.index;
        if (k >= 0 && (unsigned)k < b->nargs)
            return normalize_value(b->cx, b->args[k]);
        r.kind = CT_VAL_UNKNOWN;
        return r;
    }
    if (v->kind == CT_VAL_LOAD || v->kind == CT_VAL_ADDR)
        r.path = subst(&v->path, b);
    return r;
}

/* Whether P means something outside the function that spelled it. */
/* subst, interned. */
static const struct ct_path *subst_i(struct an *an, const struct ct_path *p, const struct binding *b)
{
    struct ct_path q = subst(p, b);
    return path_intern(an, &q);
}

static bool exportable(const struct fnctx *cx, struct ct_path *p)
{
    switch (p->base) {
    case CT_BASE_GLOBAL:
        return true;
    case CT_BASE_PARAM:
        if (p->nops > 0 && p->ops[0].kind == CT_OP_DEREF)
            return true;
        if (p->nops == 0)
            return true; /* a handle passed by value and exited as an lvalue (a GIL-state
                          * token, a GMutexLocker): the caller's argument */
        /* a struct passed by value: what its pointer fields point at (ref.mu->...) */
        for (unsigned i = 1; p->nops > 0 && p->ops[0].kind == CT_OP_FIELD && i < p->nops; i++)
            if (p->ops[i].kind == CT_OP_DEREF)
                return true;
        return false;
    case CT_BASE_NONE:
        return path_has_field(p);
    case CT_BASE_LOCAL: {
        if (cx->f->closure_of)
            return true; /* a closure's locals are its frame's: its callers see them */
        if (p->key && strncmp(p->key, "cap:", 4) == 0)
            return true; /* a local a lambda names: whoever runs the lambda sees it */
        const struct alias *a = alias_find(cx, p->key);
        bool unknown_pointer = !a && p->nops > 0 && p->ops[0].kind == CT_OP_DEREF;
        if (((a && a->kind != 0) || unknown_pointer) && path_has_field(p)) {
            /* a pointer the function got from a call or several places: its type names it */
            *p = lost_path(p->ops, p->nops);
            return true;
        }
        return false;
    }
    default:
        return false;
    }
}

static bool value_exportable(const struct fnctx *cx, struct ct_value *v)
{
    if (v->kind == CT_VAL_FUNC)
        return true;
    if (v->kind == CT_VAL_LOAD || v->kind == CT_VAL_ADDR) {
        if (v->path.base == CT_BASE_PARAM && v->kind == CT_VAL_LOAD)
            return true;
        return exportable(cx, &v->path);
    }
    return false;
}

static bool path_match(const struct ct_path *a, const struct ct_path *b)
{
    return ct_path_equal(a, b);
}

/* Structural equality, lost paths included (by their tails, as lost_canon keeps them): for
 * de-duplicating facts. */
static bool path_same(const struct ct_path *a, const struct ct_path *b)
{
    if (a == b)
        return true;
    if (a->base != CT_BASE_NONE || b->base != CT_BASE_NONE)
        return ct_path_equal(a, b);
    unsigned na = a->nops < LOST_TAIL ? a->nops : LOST_TAIL;
    unsigned nb = b->nops < LOST_TAIL ? b->nops : LOST_TAIL;
    if (na != nb)
        return false;
    const struct ct_op *x = a->ops + (a->nops - na), *y = b->ops + (b->nops - nb);
    for (unsigned i = 0; i < na; i++)
        if (x[i].kind != y[i].kind || x[i].field != y[i].field)
            return false;
    return true;
}

/* --- growable arrays --------------------------------------------------------------------- */

#define PUSH(an, arr, n, cap) CT_PUSH_OR(an, arr, n, cap)
static void *push_raw(struct an *an, void **arr, size_t *n, size_t *cap, size_t size)
{
    if (ct_grow(arr, cap, *n + 1, size) != 0) {
        an->oom = true;
        return NULL;
    }
    char *p = (char *)*arr + (*n)++ * size;
    memset(p, 0, size);
    return p;
}
#define CT_PUSH_OR(an, arr, n, cap) push_raw((an), (void **)&(arr), &(n), &(cap), sizeof(*(arr)))

/* Identity of a path in a summary: structural, lost paths included, a field's record too when
 * both sides know it. Lost paths (no base) are equal when they have the same shape: two unlocks
 * of ->mu through pointers the function could not follow are one entry. */
static bool path_key_same(const struct ct_path *a, const struct ct_path *b)
{
    if (!path_same(a, b))
        return false;
    if (a->base != CT_BASE_NONE)
        return true;
    unsigned n = a->nops < LOST_TAIL ? a->nops : LOST_TAIL; /* path_same: b has as many */
    const struct ct_op *x = a->ops + (a->nops - n), *y = b->ops + (b->nops - n);
    for (unsigned i = 0; i < n; i++)
        if (x[i].kind == CT_OP_FIELD && x[i].record && y[i].record && x[i].record != y[i].record)
            return false;
    return true;
}

/* --- hash indexes ------------------------------------------------------------------------ */

static void hindex_fini(struct hindex *hx)
{
    free(hx->s);
    memset(hx, 0, sizeof(*hx));
}

/* Makes room for one more element (the table stays at most half full). */
static bool hindex_reserve(struct an *an, struct hindex *hx)
{
    if ((hx->n + 1) * 2 <= hx->cap)
        return true;
    size_t ncap = hx->cap ? hx->cap * 2 : 64;
    struct hslot *ns = malloc(ncap * sizeof(*ns));
    if (!ns) {
        an->oom = true;
        return false;
    }
    for (size_t i = 0; i < ncap; i++)
        ns[i].idx = -1;
    for (size_t i = 0; i < hx->cap; i++) {
        if (hx->s[i].idx < 0)
            continue;
        size_t j = hx->s[i].h & (ncap - 1);
        while (ns[j].idx >= 0)
            j = (j + 1) & (ncap - 1);
        ns[j] = hx->s[i];
    }
    free(hx->s);
    hx->s = ns;
    hx->cap = ncap;
    return true;
}

static void hindex_put(struct hindex *hx, unsigned long long h, size_t idx)
{
    size_t j = h & (hx->cap - 1);
    while (hx->s[j].idx >= 0)
        j = (j + 1) & (hx->cap - 1);
    hx->s[j].h = h;
    hx->s[j].idx = (int)idx;
    hx->n++;
}

static unsigned long long exit_hash(const struct ct_path *p, const struct ct_scope *scope,
                                    struct ct_loc site)
{
    struct ct_path canon = *p;
    lost_canon(&canon); /* as path_same compares lost paths */
    unsigned long long h = ct_path_hash(&canon);
    h = ct_hash(h, &scope, sizeof(scope));
    h = ct_hash(h, &site.file, sizeof(site.file));
    return ct_hash(h, &site.line, sizeof(site.line));
}

/* The entry of ARR (N of them, indexed by HX) for the exit of P in SCOPE at SITE, or NULL. */
static struct xexit *exit_find(const struct hindex *hx, struct xexit *arr, unsigned long long h,
                               const struct ct_path *p, const struct ct_scope *scope,
                               struct ct_loc site)
{
    if (!hx->cap)
        return NULL;
    for (size_t j = h & (hx->cap - 1); hx->s[j].idx >= 0; j = (j + 1) & (hx->cap - 1)) {
        struct xexit *e = &arr[hx->s[j].idx];
        if (hx->s[j].h == h && e->scope == scope && e->site.file == site.file &&
            e->site.line == site.line && path_key_same(&e->path, p))
            return e;
    }
    return NULL;
}

/* Adds X (its path P) to the exit list ARR unless an entry differing only in its trace is
 * there: the first trace found is kept. Lists stop at MAX_SUMMARY_EXITS. */
static void exit_add(struct fnctx *cx, struct hindex *hx, struct xexit **arr, size_t *n,
                     size_t *cap, const struct xexit *x, const struct ct_path *p)
{
    unsigned long long h = exit_hash(p, x->scope, x->site);
    cx->an->work += 4;
    struct xexit *had = exit_find(hx, *arr, h, p, x->scope, x->site);
    if (had) {
        had->weak &= x->weak; /* reached once without a guess: it names its findings */
        return;
    }
    if (*n >= MAX_SUMMARY_EXITS) {
        cx->capped = true;
        return;
    }
    if (!hindex_reserve(cx->an, hx))
        return;
    struct xexit *e = push_raw(cx->an, (void **)arr, n, cap, sizeof(**arr));
    if (!e)
        return;
    *e = *x;
    e->path = *p;
    lost_canon(&e->path);
    hindex_put(hx, h, *n - 1);
}

/* Remembers F among the resources this function entered (one per resource and scope). */
static void remember_enter(struct fnctx *cx, const struct fact *f)
{
    unsigned long long h = ipath_hash(f->path);
    h = ct_hash(h, &f->scope, sizeof(f->scope));
    if (cx->enters_ix.cap)
        for (size_t j = h & (cx->enters_ix.cap - 1); cx->enters_ix.s[j].idx >= 0;
             j = (j + 1) & (cx->enters_ix.cap - 1)) {
            const struct fact *g = &cx->enters[cx->enters_ix.s[j].idx];
            if (cx->enters_ix.s[j].h == h && g->scope == f->scope && path_key_same(g->path, f->path)) {
                cx->enters[cx->enters_ix.s[j].idx].weak &= f->weak;
                return;
            }
        }
    if (cx->nenters >= MAX_ENTERS) {
        cx->capped = true;
        return;
    }
    if (!hindex_reserve(cx->an, &cx->enters_ix))
        return;
    struct fact *e = CT_PUSH_OR(cx->an, cx->enters, cx->nenters, cx->capenters);
    if (!e)
        return;
    *e = *f;
    hindex_put(&cx->enters_ix, h, cx->nenters - 1);
}

/* --- states ------------------------------------------------------------------------------ */

static unsigned long long fact_hash(const struct fact *f)
{
    unsigned long long h = ipath_hash(f->path);
    h = ct_hash(h, &f->origin, sizeof(f->origin));
    h = ct_hash(h, &f->scope, sizeof(f->scope));
    if (f->scope && f->scope->stack) /* each push onto an exit stack is a scope of its own */
        h = ct_hash(h, &f->enter, sizeof(f->enter));
    return ct_hash(h, &f->task, sizeof(f->task));
}

static bool same_loc(struct ct_loc a, struct ct_loc b);

/* One fact per (origin, resource, scope kind, holding task): a resource entered at several sites keeps the
 * first site for its messages. */
static bool fact_same(const struct fact *a, const struct fact *b)
{
    if (a->scope && a->scope->stack && (a->scope != b->scope || !same_loc(a->enter, b->enter)))
        return false;
    /* one resource held as two kinds of scope (a GRWLock read-locked, then write-locked) is two
     * facts: a write unlock does not find a read lock merged into its write lock */
    return a->scope == b->scope && a->origin == b->origin && a->task == b->task && path_same(a->path, b->path);
}

#define STATE_MAX 128 /* facts in one state: bounded, the analysis must terminate on any input */

/* Merges F into G, the same fact; returns true if G changed. F held on a forward edge means G
 * is held the first time round too. */
static bool fact_merge(struct fact *g, const struct fact *f)
{
    bool changed = false;
    if (g->loop_only && !f->loop_only) {
        g->loop_only = false;
        changed = true;
    }
    if (g->origin == OWN && g->call != f->call && g->call != -1) {
        g->call = -1;
        changed = true;
    }
    if (f->many && !g->many) {
        g->many = true;
        changed = true;
    }
    if (g->weak && !f->weak) {
        g->weak = false;
        changed = true;
    }
    return changed;
}

/* Adds F to S unless present; returns true if S changed. */
static bool state_add(struct an *an, struct state *s, const struct fact *f)
{
    unsigned long long h = fact_hash(f);
    an->work += s->n + 1;
    for (unsigned i = 0; i < s->n; i++) {
        struct fact *g = &s->v[i];
        if (g->hash != h || !fact_same(g, f))
            continue;
        /* entered by several calls: no single guard decides it */
        return fact_merge(g, f);
    }
    if (s->n >= STATE_MAX)
        return false; /* bounded: the analysis must terminate on any input */
    if (s->n == s->cap) {
        unsigned ncap = s->cap ? s->cap * 2 : 4;
        struct fact *nv = realloc(s->v, ncap * sizeof(*nv));
        if (!nv) {
            an->oom = true;
            return false;
        }
        s->v = nv;
        s->cap = ncap;
    }
    s->v[s->n] = *f;
    s->v[s->n++].hash = h;
    return true;
}

/* An enter of F: entering what is already held (a recursive lock taken again) marks it as
 * held more than once, so that one exit does not release it. */
static void state_enter(struct an *an, struct state *s, const struct fact *f)
{
    if (f->scope && f->scope->stack) {
        state_add(an, s, f); /* an exit stack: each push is its own entry */
        return;
    }
    if (f->origin == OWN && !f->task) {
        /* the fact state_add would find is the one entered again: one scan, not two */
        unsigned long long h = fact_hash(f);
        an->work += s->n + 1;
        for (unsigned i = 0; i < s->n; i++) {
            struct fact *g = &s->v[i];
            if (g->hash == h && fact_same(g, f)) {
                /* held only from a previous time round a loop: entered now, not again */
                if (!g->loop_only)
                    g->many = true;
                (void)fact_merge(g, f);
                return;
            }
        }
        state_add(an, s, f);
        return;
    }
    for (unsigned i = 0; i < s->n; i++) {
        struct fact *g = &s->v[i];
        if (g->origin == OWN && path_same(g->path, f->path)) {
            g->many = true;
            break;
        }
    }
    state_add(an, s, f);
}

static void state_remove_path(struct state *s, const struct ct_path *p)
{
    unsigned j = 0;
    bool lost = p->base == CT_BASE_NONE;
    for (unsigned i = 0; i < s->n; i++)
        if (!(lost ? path_same(s->v[i].path, p) : path_match(s->v[i].path, p)))
            s->v[j++] = s->v[i];
    s->n = j;
}

/* A thread-local variable (__thread): every thread has its own, so it never crosses. */
static bool thread_local_path(const struct ct_path *p)
{
    return p->base == CT_BASE_GLOBAL && p->key && strncmp(p->key, "tls:", 4) == 0;
}

static bool state_join_edge(struct an *an, struct state *dst, const struct state *src, bool back,
                            unsigned header);

/* Joins SRC into DST; returns true if DST changed. */
static bool state_join(struct an *an, struct state *dst, const struct state *src)
{
    return state_join_edge(an, dst, src, false, 0);
}

/* Marks F, if OWN, as held only through the back edge to HEADER. */
static void mark_loop_only(struct fact *f, unsigned header)
{
    if (f->origin == OWN) {
        f->loop_only = true;
        f->loop_header = header;
    }
}

/* Joins SRC into DST along an edge, BACK if it is a loop's back edge: what only the back edge
 * brings is held only from the second time round (the worker-loop shape: unlock at the top,
 * lock at the bottom). Returns true if DST changed. Linear: DST's facts are indexed by their
 * hash for the duration of the join. */
static bool state_join_edge(struct an *an, struct state *dst, const struct state *src, bool back,
                            unsigned header)
{
    bool changed = !dst->reached;
    dst->reached = true;
    if (src->n == 0)
        return changed;
    if (dst->n == 0) {
        if (src->n > dst->cap) {
            struct fact *nv = realloc(dst->v, src->n * sizeof(*nv));
            if (!nv) {
                an->oom = true;
                return changed;
            }
            dst->v = nv;
            dst->cap = src->n;
        }
        memcpy(dst->v, src->v, src->n * sizeof(*dst->v));
        dst->n = src->n;
        an->work += src->n;
        for (unsigned i = 0; back && i < dst->n; i++)
            mark_loop_only(&dst->v[i], header);
        return true;
    }
    if (src->n <= 4 && dst->n <= 16) {
        for (unsigned i = 0; i < src->n; i++) {
            struct fact f = src->v[i];
            if (back)
                mark_loop_only(&f, header); /* added as such; a fact already there keeps its own */
            changed |= state_add(an, dst, &f);
        }
        return changed;
    }
    unsigned cap = 64;
    while (cap < 2 * (dst->n + src->n))
        cap *= 2;
    int stack_slots[2048];
    int *slots = cap <= 2048 ? stack_slots : malloc(cap * sizeof(int));
    if (!slots) {
        an->oom = true;
        return changed;
    }
    for (unsigned k = 0; k < cap; k++)
        slots[k] = -1;
    for (unsigned i = 0; i < dst->n; i++) {
        unsigned j = (unsigned)dst->v[i].hash & (cap - 1);
        while (slots[j] >= 0)
            j = (j + 1) & (cap - 1);
        slots[j] = (int)i;
    }
    an->work += dst->n + src->n;
    for (unsigned i = 0; i < src->n; i++) {
        const struct fact *f = &src->v[i];
        unsigned j = (unsigned)f->hash & (cap - 1);
        bool found = false;
        for (; slots[j] >= 0; j = (j + 1) & (cap - 1)) {
            struct fact *g = &dst->v[slots[j]];
            if (g->hash == f->hash && fact_same(g, f)) {
                struct fact h = *f;
                if (back)
                    mark_loop_only(&h, header);
                changed |= fact_merge(g, &h);
                found = true;
                break;
            }
        }
        if (found || dst->n >= STATE_MAX)
            continue;
        if (dst->n == dst->cap) {
            unsigned ncap = dst->cap ? dst->cap * 2 : 4;
            struct fact *nv = realloc(dst->v, ncap * sizeof(*nv));
            if (!nv) {
                an->oom = true;
                break;
            }
            dst->v = nv;
            dst->cap = ncap;
        }
        dst->v[dst->n] = *f;
        if (back)
            mark_loop_only(&dst->v[dst->n], header);
        slots[j] = (int)dst->n++;
        changed = true;
    }
    if (slots != stack_slots)
        free(slots);
    return changed;
}

static void state_copy(struct an *an, struct state *dst, const struct state *src)
{
    dst->n = 0;
    dst->reached = src->reached;
    (void)state_join(an, dst, src);
    dst->reached = src->reached;
}

/* --- store rewriting --------------------------------------------------------------------- */

static bool value_same(const struct ct_value *a, const struct ct_value *b)
{
    if (a->kind != b->kind)
        return false;
    if (a->kind == CT_VAL_FUNC)
        return a->func == b->func;
    if (a->kind == CT_VAL_LOAD || a->kind == CT_VAL_ADDR)
        return path_same(&a->path, &b->path);
    return true;
}

static unsigned long long field_key(const struct ct_path *p)
{
    const struct ct_op *op = p->nops ? &p->ops[p->nops - 1] : NULL;
    if (!op || op->kind != CT_OP_FIELD)
        return 0;
    unsigned long long h = ct_hash(CT_HASH_INIT, &op->field, sizeof(op->field));
    return ct_hash(h, &op->record, sizeof(op->record)) | 1;
}

static int storeset_rehash(struct storeset *ss, size_t nslots)
{
    int *a = malloc(nslots * sizeof(int)), *b = malloc(nslots * sizeof(int)),
        *c = malloc(nslots * sizeof(int));
    if (!a || !b || !c) {
        free(a);
        free(b);
        free(c);
        return CT_ENOMEM;
    }
    for (size_t i = 0; i < nslots; i++)
        a[i] = b[i] = c[i] = -1;
    free(ss->by_hash);
    free(ss->by_dst);
    free(ss->by_field);
    ss->by_hash = a;
    ss->by_dst = b;
    ss->by_field = c;
    ss->nslots = nslots;
    for (size_t i = 0; i < ss->n; i++) {
        struct store *st = &ss->v[i];
        size_t h = st->hash & (nslots - 1), d = ipath_hash(st->dst) & (nslots - 1);
        unsigned long long fk = field_key(st->dst);
        st->next_same = a[h];
        a[h] = (int)i;
        st->next_dst = b[d];
        b[d] = (int)i;
        st->next_field = -1;
        if (fk) {
            st->next_field = c[fk & (nslots - 1)];
            c[fk & (nslots - 1)] = (int)i;
        }
    }
    return 0;
}

static unsigned long long sval_hash(const struct sval *v)
{
    unsigned long long h = CT_HASH_INIT;
    int k = v->kind;
    h = ct_hash(h, &k, sizeof(k));
    if (v->kind == CT_VAL_FUNC)
        h = ct_hash(h, &v->func, sizeof(v->func));
    else if (v->path)
        h ^= ipath_hash(v->path) * 31;
    return h;
}

static bool sval_same(const struct sval *a, const struct sval *b)
{
    if (a->kind != b->kind)
        return false;
    if (a->kind == CT_VAL_FUNC)
        return a->func == b->func;
    if (a->path && b->path)
        return path_same(a->path, b->path);
    return true;
}

/* Adds the store of SRC into DST, both interned, unless SS has it. */
static void storeset_add(struct an *an, struct storeset *ss, const struct ct_path *dst,
                         const struct sval *src)
{
    unsigned long long h = ipath_hash(dst) * 1099511628211ULL ^ sval_hash(src);
    if (ss->n >= 200000)
        return; /* bounded */
    if (ss->nslots) {
        for (int i = ss->by_hash[h & (ss->nslots - 1)]; i >= 0; i = ss->v[i].next_same)
            if (ss->v[i].hash == h && path_same(ss->v[i].dst, dst) &&
                sval_same(&ss->v[i].src, src))
                return;
    }
    if (ct_grow((void **)&ss->v, &ss->cap, ss->n + 1, sizeof(*ss->v)) != 0) {
        an->oom = true;
        return;
    }
    struct store *st = &ss->v[ss->n++];
    memset(st, 0, sizeof(*st));
    st->dst = dst;
    st->src = *src;
    st->hash = h;
    if (ss->n * 2 > ss->nslots) {
        if (storeset_rehash(ss, ss->nslots ? ss->nslots * 4 : 64) != 0)
            an->oom = true;
        return;
    }
    size_t a = h & (ss->nslots - 1), d = ipath_hash(dst) & (ss->nslots - 1);
    unsigned long long fk = field_key(dst);
    st->next_same = ss->by_hash[a];
    ss->by_hash[a] = (int)(ss->n - 1);
    st->next_dst = ss->by_dst[d];
    ss->by_dst[d] = (int)(ss->n - 1);
    st->next_field = -1;
    if (fk) {
        st->next_field = ss->by_field[fk & (ss->nslots - 1)];
        ss->by_field[fk & (ss->nslots - 1)] = (int)(ss->n - 1);
    }
}

static void storeset_fini(struct storeset *ss)
{
    free(ss->v);
    free(ss->by_hash);
    free(ss->by_dst);
    free(ss->by_field);
    memset(ss, 0, sizeof(*ss));
}

static bool frame_free_path(const struct ct_path *p)
{
    return p->base == CT_BASE_GLOBAL || p->base == CT_BASE_NONE;
}

static void add_store(struct fnctx *cx, struct ct_path dst, struct ct_value src)
{
    if (dst.base == CT_BASE_NONE && !path_has_field(&dst))
        return;
    bool src_free = src.kind == CT_VAL_FUNC ||
                    ((src.kind == CT_VAL_LOAD || src.kind == CT_VAL_ADDR) &&
                     frame_free_path(&src.path));
    const struct ct_path *idst = path_intern(cx->an, &dst);
    struct sval isrc = sval_of(cx->an, &src);
    if (frame_free_path(&dst) && src_free)
        storeset_add(cx->an, &cx->an->gstores, idst, &isrc);
    else
        storeset_add(cx->an, &cx->stores, idst, &isrc);
}

static bool last_field_eq(const struct ct_path *a, const struct ct_path *b)
{
    if (a->nops == 0 || b->nops == 0)
        return false;
    const struct ct_op *x = &a->ops[a->nops - 1], *y = &b->ops[b->nops - 1];
    return x->kind == CT_OP_FIELD && y->kind == CT_OP_FIELD && x->field == y->field &&
           x->record == y->record;
}

/* A store of SS that applies to the prefix X: the same destination, or, when X was lost, one
 * whose destination ends in the same field. Tries them in order; returns true with *OUT set. */
static bool rewrite_in(const struct storeset *ss, const struct ct_path *x, const struct ct_path *r,
                       unsigned j, struct ct_path *out)
{
    if (!ss->nslots)
        return false;
    struct ct_path xc = *x;
    lost_canon(&xc); /* as interned destinations are */
    for (int i = ss->by_dst[ct_path_hash(&xc) & (ss->nslots - 1)]; i >= 0; i = ss->v[i].next_dst) {
        const struct store *st = &ss->v[i];
        if (!path_match(st->dst, x) && !(x->base == CT_BASE_NONE && path_same(st->dst, x)))
            continue;
        if (st->src.kind != CT_VAL_ADDR && st->src.kind != CT_VAL_LOAD)
            continue;
        struct ct_path rest = lost_path(r->ops + j, r->nops - j); /* [*] ++ REST */
        struct ct_value src = value_of(&st->src);
        *out = rebase(&rest, &src);
        if ((out->base != CT_BASE_NONE || path_has_field(out)) && !path_same(out, r))
            return true;
    }
    unsigned long long fk = field_key(x);
    if (x->base != CT_BASE_NONE || !fk)
        return false;
    for (int i = ss->by_field[fk & (ss->nslots - 1)]; i >= 0; i = ss->v[i].next_field) {
        const struct store *st = &ss->v[i];
        if (!last_field_eq(st->dst, x) ||
            (st->src.kind != CT_VAL_ADDR && st->src.kind != CT_VAL_LOAD))
            continue;
        struct ct_path rest = lost_path(r->ops + j, r->nops - j);
        struct ct_value src = value_of(&st->src);
        *out = rebase(&rest, &src);
        if ((out->base != CT_BASE_NONE || path_has_field(out)) && !path_same(out, r))
            return true;
    }
    return false;
}

/* Rewrites R = X ++ [*] ++ REST, where a pointer was stored into X, into what that pointer
 * points at. Returns true and sets *OUT if a store applies. */
static bool rewrite(const struct fnctx *cx, const struct ct_path *r, struct ct_path *out)
{
    for (unsigned j = r->nops; j-- > 0;) {
        if (r->ops[j].kind != CT_OP_DEREF)
            continue;
        struct ct_path x = *r;
        x.nops = j;
        x.truncated = false;
        if (rewrite_in(&cx->stores, &x, r, j, out) || rewrite_in(&cx->an->gstores, &x, r, j, out))
            return true;
    }
    return false;
}

/* The fact of ORIGIN held for R in S, trying store rewrites of R too. */
static struct fact *state_find_one(const struct fnctx *cx, struct state *s,
                                   const struct ct_path *r, enum origin origin,
                                   const struct ct_scope *scope, struct ct_path *matched);

/* The fact of ORIGIN (and of SCOPE, unless NULL) held for R in S, trying store rewrites of R,
 * and, when R starts from a local given several pointers (a list cursor: prev = head; ...
 * prev = cur), each of them. */
static struct fact *state_find_kind(const struct fnctx *cx, struct state *s,
                                    const struct ct_path *r, enum origin origin,
                                    const struct ct_scope *scope, struct ct_path *matched)
{
    struct fact *f = state_find_one(cx, s, r, origin, scope, matched);
    if (f || r->base != CT_BASE_LOCAL)
        return f;
    const struct alias *a = alias_find(cx, r->key);
    if (!a || a->kind != 1)
        return NULL;
    for (unsigned i = 0; i < a->nalts; i++) {
        struct ct_value v = normalize_value(cx, a->alts[i]);
        struct ct_path alt = normalize(cx, rebase(r, &v));
        if (path_same(&alt, r))
            continue;
        f = state_find_one(cx, s, &alt, origin, scope, matched);
        if (f)
            return f;
    }
    return NULL;
}

static struct fact *state_find(const struct fnctx *cx, struct state *s, const struct ct_path *r,
                               enum origin origin, struct ct_path *matched)
{
    return state_find_kind(cx, s, r, origin, NULL, matched);
}

static struct fact *state_find_one(const struct fnctx *cx, struct state *s,
                                   const struct ct_path *r, enum origin origin,
                                   const struct ct_scope *scope, struct ct_path *matched)
{
    struct ct_path cur = *r;
    for (int k = 0; k <= MAX_REWRITE; k++) {
        cx->an->work += s->n + 1;
        for (unsigned i = 0; i < s->n; i++) {
            if (s->v[i].origin == origin &&
                (!scope || !s->v[i].scope || s->v[i].scope == scope) &&
                path_match(s->v[i].path, &cur)) {
                if (matched)
                    *matched = cur;
                return &s->v[i];
            }
        }
        struct ct_path next;
        if (!rewrite(cx, &cur, &next) || path_match(&next, &cur))
            break;
        cur = next;
    }
    return NULL;
}

/* --- findings ---------------------------------------------------------------------------- */

static const char *runs_on_phrase(enum ct_runs_on r);

/* Whether TEXT is a bare variable name (m, lock), not a path to an object (t->mu, stats.mu). */
static bool bare_name(const char *text)
{
    if (!*text)
        return false;
    for (const char *c = text; *c; c++)
        if (!(*c == '_' || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
              (*c >= '0' && *c <= '9')))
            return false;
    return true;
}

/* "'TASK' starts here in a new thread (pthread_create)", interned. */
static const char *starts_here(const char *task, const struct ct_edge_rule *rule)
{
    char buf[256];
    snprintf(buf, sizeof(buf), "'%s' starts here %s (%s)", task, runs_on_phrase(rule->runs_on),
             rule->call);
    return ct_intern(buf);
}

static void add_raw(struct fnctx *cx, const struct xexit *x, const struct fact *held,
                    const char *exit_task, struct ct_loc edge_loc, const struct ct_edge_rule *edge,
                    const char *edge_task)
{
    if (cx->quiet || x->weak || held->weak)
        return;
    struct raw_finding *r = CT_PUSH_OR(cx->an, cx->an->raw, cx->an->nraw, cx->an->capraw);
    if (!r)
        return;
    r->fn = cx->fn;
    r->scope = x->scope;
    /* the object by its name: a helper's bare parameter (unlock(m)) says less than the enter */
    r->text = x->text && !(bare_name(x->text) && held->text) ? x->text : held->text;
    r->enter = held->enter;
    r->enter_task = held->origin == FOREIGN || held->origin == AT_TIMES ? held->task : NULL;
    r->exit = x->site;
    r->exit_task = exit_task;
    r->exit_function = x->function;
    if (held->origin == FOREIGN || held->origin == AT_TIMES) {
        r->edge_loc = held->edge_loc;
        r->edge = held->edge;
        r->edge_task = held->task;
    } else {
        r->edge_loc = edge_loc;
        r->edge = edge;
        r->edge_task = edge_task;
    }
    r->nsteps = x->nsteps;
    memcpy(r->steps, x->steps, sizeof(r->steps));
    if ((held->origin == FOREIGN || held->origin == AT_TIMES) && edge && edge_task) {
        /* the trace shows both starts: the entering task's, then the exiting task's */
        unsigned n = r->nsteps < MAX_STEPS ? r->nsteps : MAX_STEPS - 1;
        memmove(&r->steps[1], &r->steps[0], n * sizeof(r->steps[0]));
        r->steps[0].loc = edge_loc;
        r->steps[0].what = starts_here(edge_task, edge);
        r->nsteps = n + 1;
    }
}

/* The other pushes onto the exit stack HELD is a push onto: one close exits each of them, and
 * each is a finding of its own (one per enter site). */
static void add_raw_siblings(struct fnctx *cx, const struct state *s, const struct xexit *x,
                             const struct fact *held, const char *exit_task, struct ct_loc edge_loc,
                             const struct ct_edge_rule *edge, const char *edge_task)
{
    if (!held->scope || !held->scope->stack)
        return;
    for (unsigned i = 0; i < s->n; i++) {
        const struct fact *g = &s->v[i];
        if (g != held && g->origin == held->origin && g->scope == held->scope &&
            g->task == held->task && path_same(g->path, held->path) &&
            !same_loc(g->enter, held->enter))
            add_raw(cx, x, g, exit_task, edge_loc, edge, edge_task);
    }
}

/* --- the transfer functions -------------------------------------------------------------- */

static void record_exposed(struct fnctx *cx, const struct xexit *x, const struct ct_path *r)
{
    if (cx->quiet)
        return;
    struct ct_path p = *r;
    if (!exportable(cx, &p))
        return;
    exit_add(cx, &cx->exposed_ix, &cx->sum->exposed, &cx->sum->nexposed, &cx->sum->capexposed, x,
             &p);
}

static bool every_time_round(const struct fnctx *cx, unsigned e, unsigned header);
static bool untracked(const struct fnctx *cx, const struct ct_path *p);

static bool last_field_eq(const struct ct_path *a, const struct ct_path *b);

/* Whether HELD and an exit of X have the same shape (they end in the same field of the same
 * type), one of them through a pointer the function lost track of. */
static bool shape_match(const struct fnctx *cx, const struct ct_path *held, const struct ct_path *x)
{
    return (untracked(cx, x) || untracked(cx, held)) && last_field_eq(held, x);
}

/* The fact of ORIGIN held for X's resource in S (as state_find_kind), or else, when one side goes
 * through a pointer the function lost track of, one of the same shape: lock(&s->mu) ...
 * unlock(&session_find(user)->mu) is taken to exit what it holds of the same shape, and so is an
 * exit of what it holds through a pointer it lost (p = buckets[b] or a new page, locked, left
 * held; then unlock(&e->pages[id].mutex)): silence, not a wrong enter. */
static struct fact *state_find_shape(const struct fnctx *cx, struct state *s,
                                     const struct xexit *x, enum origin origin,
                                     struct ct_path *matched)
{
    struct ct_path m;
    struct fact *f = state_find_kind(cx, s, &x->path, origin, x->scope, &m);
    if (f) {
        if (matched)
            *matched = m;
        return f;
    }
    for (unsigned i = 0; i < s->n; i++)
        if (s->v[i].origin == origin && s->v[i].scope == x->scope &&
            shape_match(cx, s->v[i].path, &x->path)) {
            if (matched)
                *matched = *s->v[i].path;
            return &s->v[i];
        }
    return NULL;
}

/* X exits what nothing held here entered: exposed to the callers, with a task started before
 * it that enters the same resource at times, if there is one (the enter it may undo). */
static void expose(struct fnctx *cx, struct state *s, const struct xexit *x)
{
    if (cx->quiet)
        return;
    struct xexit y = *x;
    const struct fact *o = state_find_shape(cx, s, x, AT_TIMES, NULL);
    struct ct_path p = x->path;
    if (o && !exportable(cx, &p)) {
        /* an object of this frame: no caller can have entered it, the exit is this task's */
        struct ct_loc none = {0};
        add_raw(cx, x, o, NULL, none, NULL, NULL);
        return;
    }
    if (o && !y.has_other && !o->weak) {
        y.has_other = true;
        y.other_enter = o->enter;
        y.other_task = o->task;
        y.other_edge_loc = o->edge_loc;
        y.other_edge = o->edge;
    }
    record_exposed(cx, &y, &x->path);
}

/* Whether P goes through a pointer the function lost track of: none at all, or a local given a
 * call's result or several values (what exportable() names by its type alone). */
static bool untracked(const struct fnctx *cx, const struct ct_path *p)
{
    if (p->base == CT_BASE_NONE)
        return true;
    if (p->base != CT_BASE_LOCAL || cx->f->closure_of)
        return false;
    struct ct_path q = *p;
    return exportable(cx, &q) && q.base == CT_BASE_NONE;
}

/* The fact a started task left held that exit X undoes: of X's resource, or of its shape when
 * one side went through a pointer the function lost. Not one only of its shape when X exits
 * what the caller passed (a parameter's): the caller may hold it (gstreamer's events_foreach is
 * called with the pad's lock, which its callbacks release, after another callback started a
 * task that left some GstObject's lock held on a path it lost); the exit is passed up instead. */
static struct fact *foreign_for_exit(const struct fnctx *cx, struct state *s,
                                     const struct xexit *x, struct ct_path *m)
{
    struct fact *f = state_find_shape(cx, s, x, FOREIGN, m);
    if (f && x->path.base == CT_BASE_PARAM &&
        !state_find_kind(cx, s, &x->path, FOREIGN, x->scope, NULL))
        return NULL;
    return f;
}

/* An exit of X->path (in this frame) happens here; MUST: on every path through it. */
static void do_exit(struct fnctx *cx, struct state *s, const struct xexit *x, bool must)
{
    struct ct_path m;
    struct fact *f = state_find_shape(cx, s, x, OWN, &m);
    if (f) {
        bool first_time_unheld = f->loop_only && every_time_round(cx, cx->at, f->loop_header);
        if (f->many)
            f->many = false; /* one level of a recursive lock released, still held */
        else if (must)
            state_remove_path(s, &m);
        if (!first_time_unheld)
            return;
        /* held here only through the loop's back edge: the first time round this exits what
         * the function did not enter (a worker loop that unlocks at the top and locks at the
         * bottom); that exit is judged as one without an enter */
        struct xexit y = *x;
        y.killed = false;
        f = foreign_for_exit(cx, s, x, &m);
        if (f) {
            struct ct_loc none = {0};
            add_raw(cx, &y, f, NULL, none, NULL, NULL);
            return;
        }
        expose(cx, s, &y);
        return;
    }
    f = foreign_for_exit(cx, s, x, &m);
    if (f) {
        struct ct_loc none = {0};
        add_raw(cx, x, f, NULL, none, NULL, NULL);
        add_raw_siblings(cx, s, x, f, NULL, none, NULL, NULL);
        if (must)
            state_remove_path(s, &m);
        return;
    }
    f = state_find_kind(cx, s, &x->path, ENTRY, x->scope, &m);
    expose(cx, s, x);
    if (f && must)
        state_remove_path(s, &m);
}

/* An exit X in another task (X->task), started at X's edge: matched against what this
 * function holds now, or passed up. */
static void check_cross(struct fnctx *cx, struct state *s, const struct xexit *x)
{
    struct fact *f = state_find_shape(cx, s, x, OWN, NULL);
    if (!f)
        f = state_find_shape(cx, s, x, FOREIGN, NULL);
    if (!f) {
        /* another started task enters it at times: the exit, never matched in its own task,
         * may undo that task's enter */
        f = state_find_shape(cx, s, x, AT_TIMES, NULL);
        if (f && (f->task == x->task || same_loc(f->edge_loc, x->edge_loc)))
            f = NULL; /* the same task, or another function the same start may run instead */
    }
    if (f) {
        add_raw(cx, x, f, x->task, x->edge_loc, x->edge, x->edge_task);
        add_raw_siblings(cx, s, x, f, x->task, x->edge_loc, x->edge, x->edge_task);
        return;
    }
    if (cx->quiet)
        return;
    exit_add(cx, &cx->pending_ix, &cx->sum->pending, &cx->sum->npending, &cx->sum->cappending, x,
             &x->path);
}

static bool crosses(const struct ct_scope *scope, const struct ct_edge_rule *edge);

/* An exit X in a task started on this function's own thread (X's edge does not change thread):
 * it crosses only a thread-bound scope held by a task on another thread (uv_queue_work's work
 * callback locks on a pool thread, its after-work callback unlocks on the loop thread). */
static void check_cross_foreign(struct fnctx *cx, struct state *s, const struct xexit *x)
{
    struct fact *f = state_find_kind(cx, s, &x->path, FOREIGN, x->scope, NULL);
    if (f && f->edge && f->task != x->task && crosses(x->scope, f->edge))
        add_raw(cx, x, f, x->task, x->edge_loc, x->edge, x->edge_task);
}

static const char *strip_amp(const char *text)
{
    if (!text)
        return NULL;
    while (*text == '&' || *text == ' ')
        text++;
    return ct_intern(text);
}

static void push_step(struct xexit *x, struct ct_loc loc, const char *what)
{
    if (x->nsteps >= MAX_STEPS) {
        memmove(x->steps, x->steps + 1, (MAX_STEPS - 1) * sizeof(x->steps[0]));
        x->nsteps = MAX_STEPS - 1;
    }
    memmove(x->steps + 1, x->steps, x->nsteps * sizeof(x->steps[0]));
    x->steps[0].loc = loc;
    x->steps[0].what = what;
    x->nsteps++;
}

static const char *called_here(const char *name)
{
    char buf[256];
    snprintf(buf, sizeof(buf), "'%s' called here", name);
    return ct_intern(buf);
}

static const char *cleanup_here(const char *var, const char *fn)
{
    char buf[256];
    snprintf(buf, sizeof(buf), "'%s' goes out of scope here: its cleanup '%s' runs",
             var ? var : "?", fn);
    return ct_intern(buf);
}

/* The resource an enter or exit names, in this frame. */
static struct ct_path resource_of(const struct fnctx *cx, const struct ct_site_event *ev,
                                  const struct ct_call *c, const char **text)
{
    struct ct_path p;
    memset(&p, 0, sizeof(p));
    p.base = CT_BASE_NONE;
    *text = NULL;
    switch (ev->sc->resource) {
    case CT_RES_ARG: {
        struct ct_value v = normalize_value(cx, c->args[ev->sc->arg]);
        *text = strip_amp(c->args[ev->sc->arg].text);
        if (ev->sc->mode == CT_MODE_LVALUE) {
            if (v.kind == CT_VAL_LOAD)
                p = v.path;
        } else if (v.kind == CT_VAL_ADDR) {
            p = v.path;
        } else if (v.kind == CT_VAL_LOAD) {
            struct ct_op op = {CT_OP_DEREF, false, NULL, NULL};
            p = v.path;
            ct_path_push(&p, op);
        }
        break;
    }
    case CT_RES_RETURN:
        p = normalize(cx, c->result_to);
        break;
    case CT_RES_THREAD:
        p.base = CT_BASE_GLOBAL;
        p.key = ev->scope->kind;
        p.name = ev->scope->kind;
        break;
    }
    return p;
}

static const struct summary *callee_summary(struct fnctx *cx, unsigned t)
{
    return &cx->an->sums[t];
}

static void apply_summary(struct fnctx *cx, struct state *s, unsigned t, const struct summary *S,
                          const struct binding *b, const struct ct_call *c, int call_index,
                          bool weak)
{
    if (!S)
        S = callee_summary(cx, t);
    const char *callee = cx->an->prog->fns[t].f->name;
    const char *here = S->nexposed ? called_here(callee) : NULL;
    size_t n;

    cx->an->work += S->nexposed + S->nleaked + S->nforeign + S->npending + S->nentered;
    n = S->nexposed;
    for (size_t i = 0; i < n; i++) {
        struct ct_path p = subst(&S->exposed[i].path, b);
        if (p.base == CT_BASE_NONE && !path_has_field(&p))
            continue;
        struct xexit x = S->exposed[i];
        x.path = p;
        x.weak |= weak;
        if (c->implicit && c->nargs > 0) {
            /* a cleanup attribute's call or a destructor: the exit is where the variable's
             * scope (the object's life) ends; a destructor names no variable (args[0].text
             * NULL) and keeps the resource's own spelling */
            x.site = c->loc;
            x.function = cx->f->name;
            x.nsteps = 0;
            if (c->args[0].text) {
                x.text = c->args[0].text;
                push_step(&x, c->loc, cleanup_here(c->args[0].text, callee));
            } else {
                push_step(&x, c->loc, called_here(callee));
            }
        } else {
            push_step(&x, c->loc, here);
        }
        do_exit(cx, s, &x, S->exposed[i].killed);
    }
    n = S->nleaked;
    for (size_t i = 0; i < n; i++) {
        struct fact f = S->leaked[i];
        f.path = subst_i(cx->an, S->leaked[i].path, b);
        f.call = call_index;
        f.when = CT_WHEN_ALWAYS;
        f.loop_only = false;
        f.weak |= weak;
        if (f.path->base == CT_BASE_NONE && !path_has_field(f.path))
            continue;
        state_enter(cx->an, s, &f);
        if (!cx->quiet)
            remember_enter(cx, &f);
    }
    n = S->nforeign;
    for (size_t i = 0; i < n; i++) {
        struct fact f = S->foreign[i];
        f.path = subst_i(cx->an, S->foreign[i].path, b);
        f.weak |= weak;
        state_add(cx->an, s, &f);
    }
    n = cx->quiet ? 0 : S->nentered;
    for (size_t i = 0; i < n; i++) {
        struct fact f = S->entered[i];
        f.path = subst_i(cx->an, S->entered[i].path, b);
        if (f.path->base == CT_BASE_NONE && !path_has_field(f.path))
            continue;
        f.call = -1;
        f.weak |= weak;
        remember_enter(cx, &f);
    }
    n = S->npending;
    for (size_t i = 0; i < n; i++) {
        struct xexit x = S->pending[i];
        x.path = subst(&S->pending[i].path, b);
        x.weak |= weak;
        if (x.path.base == CT_BASE_NONE && !path_has_field(&x.path))
            continue;
        check_cross(cx, s, &x);
    }
}

static const char *runs_on_phrase(enum ct_runs_on r)
{
    switch (r) {
    case CT_RUNS_NEW_THREAD: return "in a new thread";
    case CT_RUNS_POOL_THREAD: return "on a pool thread";
    case CT_RUNS_LOOP_THREAD: return "on the event-loop thread";
    case CT_RUNS_OTHER_LOOP_THREAD: return "on the event-loop thread, which is another thread";
    case CT_RUNS_SAME_THREAD_LATER: return "later on the same thread";
    case CT_RUNS_EXITING_THREAD: return "when a thread exits";
    case CT_RUNS_SIGNAL: return "in a signal handler";
    case CT_RUNS_ANY_THREAD: return "on any thread";
    case CT_RUNS_SIGNALLED_THREAD: return "in the thread the signal is sent to";
    case CT_RUNS_CALLER: return "before the call returns";
    }
    return "elsewhere";
}

static bool crosses(const struct ct_scope *scope, const struct ct_edge_rule *edge)
{
    return scope->affinity == CT_AFFINITY_THREAD ? ct_runs_on_changes_thread(edge->runs_on)
                                                 : ct_runs_on_changes_task(edge->runs_on);
}

static const char *runs_on_phrase(enum ct_runs_on r);

static const char *runs_later_here(const char *task, const struct ct_edge_rule *rule)
{
    char buf[256];
    snprintf(buf, sizeof(buf), "'%s' registered here runs %s (%s)", task,
             runs_on_phrase(rule->runs_on), rule->call);
    return ct_intern(buf);
}

/* Target K of SITE, handed over by RULE to run in another task. */
static void do_edge(struct fnctx *cx, struct state *s, const struct ct_site *site, unsigned k,
                    const struct ct_edge_rule *rule, const struct ct_call *c)
{
    struct ct_value vals[2];
    struct binding b;
    edge_binding(&b, rule, c, vals, cx);
    if (site->targs) { /* a callback a loop run runs, with the data it was registered with */
        b.args = &site->targs[k];
        b.nargs = site->targs[k].kind == CT_VAL_UNKNOWN ? 0 : 1;
        b.only = 0;
        b.param = rule->parameter;
    }
    if (rule->set_call)
        return; /* g_thread_pool_new: its function runs at each push, with the value pushed */
    {
        unsigned t = site->targets[k];
        const struct summary *S = callee_summary(cx, t);
        const char *task = cx->an->prog->fns[t].f->name;
        const char *thread = site->tthreads && site->tthreads[k] ? site->tthreads[k] : task;
        b.same_frame = cx->an->prog->fns[t].f->closure_of == frame_of(cx->f);
        for (size_t i = 0; i < S->nexposed; i++) {
            if (thread_local_path(&S->exposed[i].path))
                continue;
            struct xexit x = S->exposed[i];
            x.path = subst(&S->exposed[i].path, &b);
            if (x.path.base == CT_BASE_NONE && !path_has_field(&x.path))
                continue;
            x.task = thread; /* a handler delivered to a known thread runs as that thread */
            x.edge_task = task;
            x.edge_loc = c->loc;
            x.edge = rule;
            if (crosses(S->exposed[i].scope, rule)) {
                check_cross(cx, s, &x);
                continue;
            }
            check_cross_foreign(cx, s, &x);
            if (x.path.base == CT_BASE_PARAM && !state_find(cx, s, &x.path, OWN, NULL) &&
                !state_find(cx, s, &x.path, FOREIGN, NULL)) {
                /* a callback on this thread, later (an event-loop callback registered by a
                 * thread's own loop): its exit of what this function's caller handed over is
                 * this thread's, so it passes up as one that may happen here; a global's is not
                 * judged at registration, when the lock may not be held yet */
                struct xexit y = S->exposed[i];
                y.path = x.path;
                y.killed = false;
                push_step(&y, c->loc, runs_later_here(task, rule));
                record_exposed(cx, &y, &y.path);
            }
        }
        for (size_t i = 0; i < S->npending; i++) {
            struct xexit x = S->pending[i];
            x.path = subst(&S->pending[i].path, &b);
            if ((x.path.base == CT_BASE_NONE && !path_has_field(&x.path)) ||
                thread_local_path(&x.path))
                continue;
            check_cross(cx, s, &x);
        }
        for (size_t i = 0; i < S->nleaked; i++) {
            if (!crosses(S->leaked[i].scope, rule) || thread_local_path(S->leaked[i].path))
                continue;
            struct fact f = S->leaked[i];
            f.path = subst_i(cx->an, S->leaked[i].path, &b);
            f.origin = FOREIGN;
            f.task = task;
            f.edge_loc = c->loc;
            f.edge = rule;
            f.call = -1;
            state_add(cx->an, s, &f);
        }
        for (size_t i = 0; i < S->nforeign; i++) {
            struct fact f = S->foreign[i];
            f.path = subst_i(cx->an, S->foreign[i].path, &b);
            state_add(cx->an, s, &f);
        }
        for (size_t i = 0; i < S->nentered; i++) {
            if (!crosses(S->entered[i].scope, rule) || thread_local_path(S->entered[i].path))
                continue;
            struct fact f = S->entered[i];
            f.path = subst_i(cx->an, S->entered[i].path, &b);
            if (f.path->base == CT_BASE_NONE && !path_has_field(f.path))
                continue;
            f.origin = AT_TIMES;
            f.task = task;
            f.edge_loc = c->loc;
            f.edge = rule;
            f.call = -1;
            f.many = false;
            f.loop_only = false;
            state_add(cx->an, s, &f);
        }
    }
}

/* Whether P is FROM or lies inside it; then *REST is the number of FROM's ops. */
static bool path_within(const struct ct_path *p, const struct ct_path *from)
{
    if (p->base != from->base || from->base == CT_BASE_NONE || p->nops < from->nops)
        return false;
    if ((p->base == CT_BASE_GLOBAL || p->base == CT_BASE_LOCAL) && p->key != from->key)
        return false;
    if (p->base == CT_BASE_PARAM && p->index != from->index)
        return false;
    for (unsigned i = 0; i < from->nops; i++)
        if (p->ops[i].kind != from->ops[i].kind ||
            (p->ops[i].kind == CT_OP_FIELD && p->ops[i].field != from->ops[i].field))
            return false;
    return true;
}

/* A move (C ->moves): what the object argument 1 points to holds, the object argument 0 points
 * to holds now. */
static void do_move(struct fnctx *cx, struct state *s, const struct ct_call *c)
{
    if (c->nargs < 2)
        return;
    struct ct_value to = normalize_value(cx, c->args[0]);
    struct ct_value from = normalize_value(cx, c->args[1]);
    if (to.kind != CT_VAL_ADDR || from.kind != CT_VAL_ADDR)
        return;
    struct fact moved[16];
    unsigned nmoved = 0, j = 0;
    for (unsigned i = 0; i < s->n; i++) {
        if (nmoved < 16 && path_within(s->v[i].path, &from.path)) {
            struct fact f = s->v[i];
            struct ct_path np = to.path;
            for (unsigned k = from.path.nops; k < f.path->nops; k++)
                ct_path_push(&np, f.path->ops[k]);
            f.path = path_intern(cx->an, &np);
            moved[nmoved++] = f;
            continue;
        }
        s->v[j++] = s->v[i];
    }
    s->n = j;
    for (unsigned i = 0; i < nmoved; i++)
        state_add(cx->an, s, &moved[i]);
}

/* A suspension point (co_await): every thread-bound scope this function holds here may be
 * exited on another thread once the coroutine resumes. */
static void check_suspend(struct fnctx *cx, struct state *s, const struct ct_insn *in)
{
    if (cx->quiet || ct_rules_is_same_thread_awaitable(cx->an->prog->rules, in->awaitable))
        return;
    for (unsigned i = 0; i < s->n; i++) {
        const struct fact *f = &s->v[i];
        if (f->origin != OWN || f->scope->affinity != CT_AFFINITY_THREAD)
            continue;
        struct raw_finding *r = CT_PUSH_OR(cx->an, cx->an->raw, cx->an->nraw, cx->an->capraw);
        if (!r)
            return;
        r->fn = cx->fn;
        r->scope = f->scope;
        r->text = f->text;
        r->enter = f->enter;
        r->exit = in->loc;
        r->exit_function = cx->f->name;
        r->suspend = true;
        r->awaited = in->src.text;
    }
}

/* Applies instruction I of the function to S. Returns false when the path ends here. */
/* --- summaries specialised to the callbacks a call passes -------------------------------- */

static void analyze_into(struct an *an, unsigned fn, const struct fpctx *ctx, struct summary *out);
static void summary_fini(struct summary *s);

/* The parameter a value V reads as it is (not through a pointer), or -1. */
static int param_slot(const struct ct_value *v)
{
    if (v->kind != CT_VAL_LOAD || v->path.base != CT_BASE_PARAM || v->path.nops != 0 ||
        v->path.index < 0 || v->path.index >= SPEC_PARAMS)
        return -1;
    return v->path.index;
}

/* The parameters of FN a specialisation of its summary can tell apart: bit A for a
 * function-pointer parameter A that it calls or passes on to a call, bit 8 + A for a pointer
 * parameter A it tests against null (`if (dataset) G_UNLOCK (...)`, called with NULL). */
static unsigned cb_params(struct an *an, unsigned fn)
{
    if (an->cbmask[fn] & 0x8000)
        return an->cbmask[fn] & 0x7fffu;
    const struct ct_function *f = an->prog->fns[fn].f;
    unsigned m = 0, nulls = 0;
    for (unsigned i = 0; i < f->ninsns; i++) {
        const struct ct_path *p = f->insns[i].null_test;
        if (f->insns[i].kind == CT_I_BRANCH && p && p->base == CT_BASE_PARAM && p->nops == 0 &&
            p->index >= 0 && p->index < 7)
            nulls |= 1u << (8 + p->index);
    }
    for (unsigned i = 0; i < f->ncalls; i++) {
        const struct ct_call *c = &f->calls[i];
        int a = c->callee_usr ? -1 : param_slot(&c->callee_value);
        if (a >= 0)
            m |= 1u << a;
        for (unsigned k = 0; k < c->nargs; k++)
            if ((a = param_slot(&c->args[k])) >= 0)
                m |= 1u << a;
    }
    for (unsigned a = 0; a < SPEC_PARAMS; a++)
        if (a >= f->nparams || !f->params[a].is_func_ptr)
            m &= ~(1u << a);
    m |= nulls;
    an->cbmask[fn] = (unsigned short)(0x8000u | m);
    return m;
}

/* Whether the call CX is specialised to passes parameter J (a pointer or integer it tests
 * against zero) as NULL (0), or (NONNULL) as something else. */
static bool ctx_passes(const struct fnctx *cx, int j, bool nonnull)
{
    return cx->ctx && j >= 0 && j < 7 &&
           ((nonnull ? cx->ctx->nonnull_params : cx->ctx->null_params) & (1u << j));
}

static int unsigned_cmp(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return x < y ? -1 : x > y;
}

/* The functions the argument V of a call in CX may be, sorted, into OUT (*N of them): false
 * when they are not known to be fewer than what any caller passes. */
static bool arg_targets(const struct fnctx *cx, const struct ct_value *v, unsigned *out,
                        unsigned *n)
{
    int j = param_slot(v);
    *n = 0;
    if (v->kind == CT_VAL_CONST) {
        return true; /* NULL: no callback */
    } else if (v->kind == CT_VAL_FUNC) {
        /* one function; none the program defines (free) enters or exits nothing of it */
        *n = ct_program_resolve(cx->an->prog, cx->fn, v, out, 1);
        return true;
    } else if (j >= 0) {
        if (!cx->ctx || cx->ctx->n[j] == 0)
            return false;
        *n = cx->ctx->n[j] - 1u;
        memcpy(out, cx->ctx->t[j], *n * sizeof(*out));
    } else {
        bool known;
        unsigned got = ct_program_resolve_known(cx->an->prog, cx->fn, v, out, SPEC_TARGETS + 1,
                                                &known);
        if (!known || got > SPEC_TARGETS)
            return false;
        *n = got;
    }
    qsort(out, *n, sizeof(*out), unsigned_cmp);
    unsigned k = 0;
    for (unsigned i = 0; i < *n; i++)
        if (k == 0 || out[k - 1] != out[i])
            out[k++] = out[i];
    *n = k;
    return true;
}

/* The summary of T specialised to the callbacks call C of CX passes it, or NULL for T's own
 * (nothing to tell apart, T in CX's recursive component, or a cap reached). A call of
 * list_free_full(l, g_free) then sees only g_free, not every destroy function any caller of
 * list_free_full passes (a lock's releaser among them). */
static const struct summary *spec_summary(struct fnctx *cx, unsigned t, const struct ct_call *c)
{
    struct an *an = cx->an;
    /* In the component being analysed (a callback passed down makes one of a list walk and
     * every function it is given that walks again), the specialisation uses its callees'
     * summaries as they are this round, and is made again the next. */
    bool in_scc = an->prog->scc[t] == an->prog->scc[cx->fn];
    if (!an->spec_head || an->spec_depth >= SPEC_DEPTH || an->spec_work >= SPEC_BUDGET ||
        t == cx->fn || (an->flags[t] & 1))
        return NULL; /* (one whose own analysis went over budget would again) */
    unsigned m = cb_params(an, t);
    const struct summary *G = &an->sums[t];
    if (!m || (!G->nexposed && !G->nleaked && !G->nforeign && !G->nentered && !G->npending))
        return NULL; /* with every callback and every path it enters and exits nothing: so
                      * with fewer */
    struct fpctx key;
    memset(&key, 0, sizeof(key));
    bool any = false;
    for (unsigned a = 0; a < 7 && a < c->nargs; a++) {
        if (!(m & (1u << (8 + a))))
            continue;
        const struct ct_value *v = &c->args[a];
        int j = param_slot(v);
        if ((v->kind == CT_VAL_CONST && v->const_value == 0) || ctx_passes(cx, j, false)) {
            key.null_params |= 1u << a;
            any = true;
        } else if ((v->kind == CT_VAL_CONST && v->const_value != 0) ||
                   v->kind == CT_VAL_ADDR || v->kind == CT_VAL_FUNC || ctx_passes(cx, j, true)) {
            key.nonnull_params |= 1u << a;
            any = true;
        }
    }
    for (unsigned a = 0; a < SPEC_PARAMS && a < c->nargs; a++) {
        unsigned got[SPEC_TARGETS + 1], n, all[SPEC_TARGETS + 1];
        if (!(m & (1u << a)) || !arg_targets(cx, &c->args[a], got, &n))
            continue;
        struct ct_value pv;
        memset(&pv, 0, sizeof(pv));
        pv.kind = CT_VAL_LOAD;
        pv.path.base = CT_BASE_PARAM;
        pv.path.index = (int)a;
        unsigned na = ct_program_resolve(an->prog, t, &pv, all, SPEC_TARGETS + 1);
        bool covers = na <= SPEC_TARGETS;
        for (unsigned i = 0; i < na && i < SPEC_TARGETS && covers; i++)
            covers = bsearch(&all[i], got, n, sizeof(*got), unsigned_cmp) != NULL;
        if (covers)
            continue; /* it passes all any caller passes: nothing to tell apart */
        key.n[a] = (unsigned char)(n + 1);
        memcpy(key.t[a], got, n * sizeof(*got));
        any = true;
    }
    if (!any)
        return NULL;
    unsigned count = 0;
    int stale = -1;
    for (int i = an->spec_head[t]; i >= 0 && stale < 0; i = an->specs[i].next, count++) {
        if (memcmp(&an->specs[i].ctx, &key, sizeof(key)) != 0)
            continue;
        if (an->specs[i].failed)
            return NULL;
        if (!in_scc || an->specs[i].round == an->round)
            return &an->specs[i].sum;
        stale = i;
    }
    if (stale < 0 && count >= SPEC_PER_FN)
        return NULL;
    /* analysed now, in the middle of CX's analysis: what is CX's is kept aside; what the
     * specialisation finds inside T itself the general analysis of T has reported */
    unsigned long long work = an->work, budget = an->budget;
    size_t nraw = an->nraw;
    bool over = an->over_budget_fn, capped = an->capped_fn;
    struct summary sum;
    an->spec_depth++;
    an->budget = SPEC_FN_BUDGET;
    an->over_budget_fn = false;
    analyze_into(an, t, &key, &sum);
    bool failed = an->over_budget_fn;
    an->budget = budget;
    an->spec_depth--;
    an->spec_work += an->work;
    an->work = work;
    an->nraw = nraw;
    an->over_budget_fn = over;
    an->capped_fn = capped;
    if (failed)
        summary_fini(&sum); /* over its budget: no better than the general summary */
    struct spec *sp;
    if (stale >= 0) {
        sp = &an->specs[stale];
        summary_fini(&sp->sum);
    } else {
        sp = CT_PUSH_OR(an, an->specs, an->nspecs, an->capspecs);
        if (!sp) {
            summary_fini(&sum);
            return NULL;
        }
        sp->fn = t;
        sp->ctx = key;
        sp->next = an->spec_head[t];
        an->spec_head[t] = (int)(an->nspecs - 1);
        if (an->stats && !failed)
            an->stats->specialised++;
    }
    sp->sum = sum;
    sp->failed = failed;
    sp->round = an->round;
    return failed ? NULL : &sp->sum;
}

static bool transfer(struct fnctx *cx, unsigned i, struct state *s)
{
    const struct ct_insn *in = &cx->f->insns[i];
    if (in->kind == CT_I_SUSPEND) {
        check_suspend(cx, s, in);
        return true;
    }
    if (in->kind != CT_I_CALL)
        return true;
    const struct ct_call *c = &cx->f->calls[in->call];
    const struct ct_site *site = &cx->an->prog->fns[cx->fn].sites[in->call];
    if (c->moves) {
        do_move(cx, s, c);
        return true;
    }

    for (unsigned e = 0; e < site->nevents; e++) {
        const struct ct_site_event *ev = &site->events[e];
        const char *text;
        struct ct_path r = resource_of(cx, ev, c, &text);
        if (r.base == CT_BASE_NONE && !path_has_field(&r))
            continue;
        if (ev->enter && ev->sc->unscoped)
            continue; /* a plain callback pushed on an exit stack: only its cleanup counts */
        if (ev->enter) {
            struct fact f;
            memset(&f, 0, sizeof(f));
            f.path = path_intern(cx->an, &r);
            f.origin = OWN;
            f.scope = ev->scope;
            f.enter = c->loc;
            f.text = text;
            f.call = in->call;
            f.when = ev->sc->when;
            state_enter(cx->an, s, &f);
            if (!cx->quiet)
                remember_enter(cx, &f);
        } else {
            struct xexit x;
            memset(&x, 0, sizeof(x));
            x.path = r;
            x.scope = ev->scope;
            x.site = c->loc;
            x.text = text;
            x.function = cx->f->name;
            do_exit(cx, s, &x, true);
        }
    }
    /* A call through a pointer that may reach several functions runs one of them: each is
     * applied to the state before the call and the results are joined (applied one after the
     * other, two that both unlock would leave the second an unlock of nothing: a lock table's
     * unlock and its debugging wrapper's). A callback the caller passed in (a parameter) is the
     * caller's choice, one per call of this function: its targets are applied in turn, as the
     * visitor of a list walk that locks every item in one call and unlocks in the next. */
    unsigned ncalled = 0;
    for (unsigned k = 0; k < site->ntargets; k++) {
        const struct ct_edge_rule *e = ct_site_edge(site, k);
        if (!e || e->runs_on == CT_RUNS_CALLER)
            ncalled++;
    }
    for (unsigned k = 0; k < site->ntargets; k++) {
        const struct ct_edge_rule *e = ct_site_edge(site, k);
        if (e && e->runs_on != CT_RUNS_CALLER)
            do_edge(cx, s, site, k, e, c);
    }
    struct state before = {0}, joined = {0};
    bool alternatives = ncalled > 1 && !site->targs &&
                        !(c->callee_value.kind == CT_VAL_LOAD &&
                          c->callee_value.path.base == CT_BASE_PARAM);
    if (alternatives)
        state_copy(cx->an, &before, s);
    /* a callback parameter this specialisation knows: the functions it holds, not every one
     * any caller passes */
    const unsigned *targets = site->targets;
    unsigned ntargets = site->ntargets;
    int cbp = cx->ctx && !c->callee_usr ? param_slot(&c->callee_value) : -1;
    bool own = cbp >= 0 && cx->ctx->n[cbp] > 0;
    if (own) {
        targets = cx->ctx->t[cbp];
        ntargets = cx->ctx->n[cbp] - 1u;
    }
    for (unsigned k = 0; k < ntargets; k++) {
        const struct ct_edge_rule *e = own ? NULL : ct_site_edge(site, k);
        if (e && e->runs_on != CT_RUNS_CALLER)
            continue;
        if (!e && site->nevents > 0 && c->callee_usr &&
            cx->an->prog->fns[targets[k]].f->usr == c->callee_usr)
            continue; /* a rule says what the call enters or exits: the body that implements it
                       * (glib's own g_rw_lock_writer_lock, with its lazily made pthread lock
                       * and its error paths) is not followed as well */
        if (alternatives && joined.reached) {
            state_join(cx->an, &joined, s);
            state_copy(cx->an, s, &before);
        }
        struct binding b = {c->args, c->nargs, -1, cx, 0, false};
        struct ct_value vals[2];
        if (e) /* a synchronous callback: qsort's comparator */
            edge_binding(&b, e, c, vals, cx);
        if (site->targs && !own) { /* an exit stack's cleanup, with the data pushed with it */
            b.args = &site->targs[k];
            b.nargs = site->targs[k].kind == CT_VAL_UNKNOWN ? 0 : 1;
            b.only = 0;
            b.param = e ? e->parameter : 0;
        }
        b.same_frame = cx->an->prog->fns[targets[k]].f->closure_of == frame_of(cx->f);
        const struct summary *S = !e && (!site->targs || own) ? spec_summary(cx, targets[k], c)
                                                               : NULL;
        apply_summary(cx, s, targets[k], S, &b, c, in->call, ncalled > WEAK_TARGETS && !own);
        if (alternatives)
            joined.reached = true;
    }
    if (alternatives) {
        state_join(cx->an, &joined, s);
        state_copy(cx->an, s, &joined);
        free(before.v);
        free(joined.v);
    }
    if (site->term) {
        if (site->term->kind == CT_TERM_THREAD)
            state_join(cx->an, &cx->ret, s);
        return false;
    }
    return true;
}

/* Removes from S what is held through the pointer stored at P, on an edge where that pointer is
 * null: `if (lock) lock(lock); ... if (lock) unlock(lock);` leaves nothing held where it was
 * null (libevent's EVLOCK_LOCK and EVLOCK_UNLOCK, around every lock of an optional lock). */
static void prune_null(const struct fnctx *cx, struct state *s, const struct ct_path *p)
{
    struct ct_path np = normalize(cx, *p);
    if (np.base == CT_BASE_NONE || np.truncated)
        return;
    if (np.base == CT_BASE_LOCAL) {
        /* a pointer given several values (a list walk's cursor, null at the loop's end): what
         * was entered through an earlier value is still held */
        const struct alias *a = alias_find(cx, np.key);
        if (a && a->kind == 1)
            return;
    }
    unsigned j = 0;
    for (unsigned i = 0; i < s->n; i++) {
        const struct ct_path *f = s->v[i].path;
        bool through = f->base == np.base && f->nops > np.nops &&
                       f->ops[np.nops].kind == CT_OP_DEREF;
        if (through) {
            struct ct_path head = *f;
            head.nops = np.nops;
            head.truncated = false;
            through = ct_path_equal(&head, &np);
        }
        if (!through)
            s->v[j++] = s->v[i];
    }
    s->n = j;
}

/* Removes from S the facts entered by call GUARD that are not held on this edge. */
static void prune_guard(struct state *s, int guard, bool zero_on_true, bool true_edge)
{
    unsigned j = 0;
    for (unsigned i = 0; i < s->n; i++) {
        const struct fact *f = &s->v[i];
        bool drop = false;
        if (f->origin == OWN && f->call == guard && f->when != CT_WHEN_ALWAYS) {
            bool success_on_true = (f->when == CT_WHEN_RETURNS_ZERO) == zero_on_true;
            drop = success_on_true != true_edge;
        }
        if (!drop)
            s->v[j++] = s->v[i];
    }
    s->n = j;
}

/* Runs the data-flow over the function from ENTRY; fills cx->ret. */
/* Applies instruction I to CUR; at a return, joins CUR into the function's return state.
 * Returns false when no successor follows. */
static bool step(struct fnctx *cx, unsigned i, struct state *cur)
{
    const struct ct_insn *insn = &cx->f->insns[i];
    cx->at = i;
    if (insn->kind == CT_I_RETURN) {
        if (cx->an->prog->nexit_handlers && ct_program_is_main(cx->an->prog, cx->fn)) {
            /* returning from main runs the exit handlers, in this thread */
            struct ct_call at;
            struct binding b = {NULL, 0, -1, cx, 0, false};
            memset(&at, 0, sizeof(at));
            at.loc = insn->loc;
            for (size_t k = 0; k < cx->an->prog->nexit_handlers; k++)
                apply_summary(cx, cur, cx->an->prog->exit_handlers[k], NULL, &b, &at, -1, false);
        }
        state_join(cx->an, &cx->ret, cur);
        return false;
    }
    return transfer(cx, i, cur);
}

/* Numbers F's instructions in a depth-first walk from the first: PRE on the way down, POST on
 * the way back (UINT_MAX: never reached). An edge from U to V goes back round a loop when V is U
 * or one of its ancestors in the walk. Returns false when out of memory. */
static bool number_dfs(const struct ct_function *f, unsigned *pre, unsigned *post)
{
    unsigned n = f->ninsns;
    unsigned *stack = malloc(n * sizeof(*stack)), *next = calloc(n, sizeof(*next));
    if (!stack || !next) {
        free(stack);
        free(next);
        return false;
    }
    for (unsigned i = 0; i < n; i++)
        pre[i] = post[i] = UINT_MAX;
    unsigned sp = 0, npre = 0, npost = 0;
    stack[sp++] = 0;
    pre[0] = npre++;
    while (sp) {
        unsigned u = stack[sp - 1];
        const struct ct_insn *in = &f->insns[u];
        unsigned nsucc, v = UINT_MAX;
        bool multi = in->kind == CT_I_JUMP || in->kind == CT_I_BRANCH || in->kind == CT_I_SWITCH;
        nsucc = in->kind == CT_I_RETURN ? 0 : multi ? in->ntargets : 1;
        while (next[u] < nsucc) {
            unsigned t = multi ? in->targets[next[u]] : u + 1;
            next[u]++;
            if (t < n && pre[t] == UINT_MAX) {
                v = t;
                break;
            }
        }
        if (v == UINT_MAX) {
            post[u] = npost++;
            sp--;
            continue;
        }
        pre[v] = npre++;
        stack[sp++] = v; /* each instruction is pushed once: SP stays within N */
    }
    free(stack);
    free(next);
    return true;
}

/* Whether the edge from U to V goes back round a loop (V is U or an ancestor of it). */
static bool back_edge(const unsigned *pre, const unsigned *post, unsigned u, unsigned v)
{
    return pre[v] <= pre[u] && post[v] >= post[u];
}

/* The successors of instruction U of F: up to MAX written to OUT; returns how many there are. */
static unsigned successors(const struct ct_function *f, unsigned u, const unsigned **out,
                           unsigned *one)
{
    const struct ct_insn *in = &f->insns[u];
    if (in->kind == CT_I_RETURN)
        return 0;
    if (in->kind == CT_I_JUMP || in->kind == CT_I_BRANCH || in->kind == CT_I_SWITCH) {
        *out = in->targets;
        return in->ntargets;
    }
    *one = u + 1;
    *out = one;
    return 1;
}

/* The control-flow shape of CX's function: depth-first numbering, immediate dominators (the
 * iterative algorithm over reverse post-order, finite: each round only moves a dominator up the
 * tree, and it stops after N rounds whatever happens) and the back edges. On failure leaves
 * them NULL, and loops are then judged as before (held on the back edge is held). */
static void cfg_shape(struct fnctx *cx)
{
    const struct ct_function *f = cx->f;
    unsigned n = f->ninsns;
    if (n == 0)
        return;
    unsigned *pre = malloc(n * sizeof(*pre)), *post = malloc(n * sizeof(*post));
    unsigned *idom = malloc(n * sizeof(*idom)), *rpo = malloc(n * sizeof(*rpo));
    unsigned *npred = calloc(n + 1, sizeof(*npred)), *preds = NULL, *latch = NULL;
    unsigned nreach = 0, nedges = 0, nlatch = 0, one;
    const unsigned *succ;
    if (!pre || !post || !idom || !rpo || !npred || !number_dfs(f, pre, post))
        goto fail;
    /* reverse post-order: RPO[k] has post number NREACH-1-k */
    for (unsigned u = 0; u < n; u++)
        if (post[u] != UINT_MAX)
            nreach++;
    for (unsigned u = 0; u < n; u++)
        if (post[u] != UINT_MAX)
            rpo[nreach - 1 - post[u]] = u;
    /* predecessors, compressed: those of V are PREDS[NPRED[V]..NPRED[V+1]) */
    for (unsigned u = 0; u < n; u++) {
        if (post[u] == UINT_MAX)
            continue;
        unsigned ns = successors(f, u, &succ, &one);
        for (unsigned k = 0; k < ns; k++)
            if (succ[k] < n) {
                npred[succ[k] + 1]++;
                nedges++;
                if (back_edge(pre, post, u, succ[k]))
                    nlatch++;
            }
    }
    for (unsigned v = 0; v < n; v++)
        npred[v + 1] += npred[v];
    preds = malloc((nedges ? nedges : 1) * sizeof(*preds));
    latch = malloc((nlatch ? 2 * nlatch : 1) * sizeof(*latch));
    unsigned *fill = calloc(n, sizeof(*fill));
    if (!preds || !latch || !fill) {
        free(fill);
        goto fail;
    }
    nlatch = 0;
    for (unsigned u = 0; u < n; u++) {
        if (post[u] == UINT_MAX)
            continue;
        unsigned ns = successors(f, u, &succ, &one);
        for (unsigned k = 0; k < ns; k++)
            if (succ[k] < n) {
                preds[npred[succ[k]] + fill[succ[k]]++] = u;
                if (back_edge(pre, post, u, succ[k])) {
                    latch[2 * nlatch] = u;
                    latch[2 * nlatch++ + 1] = succ[k];
                }
            }
    }
    free(fill);
    for (unsigned u = 0; u < n; u++)
        idom[u] = UINT_MAX;
    idom[0] = 0;
    bool changed = true;
    for (unsigned round = 0; changed && round < n; round++) {
        changed = false;
        for (unsigned k = 1; k < nreach; k++) {
            unsigned b = rpo[k], nd = UINT_MAX;
            for (unsigned j = npred[b]; j < npred[b + 1]; j++) {
                unsigned p = preds[j];
                if (idom[p] == UINT_MAX)
                    continue;
                if (nd == UINT_MAX) {
                    nd = p;
                    continue;
                }
                unsigned a = p, c = nd; /* the nearest common dominator, by post numbers */
                while (a != c) {
                    while (post[a] < post[c])
                        a = idom[a];
                    while (post[c] < post[a])
                        c = idom[c];
                }
                nd = a;
            }
            if (nd != UINT_MAX && idom[b] != nd) {
                idom[b] = nd;
                changed = true;
            }
        }
    }
    free(rpo);
    free(npred);
    free(preds);
    cx->pre = pre;
    cx->post = post;
    cx->idom = idom;
    cx->latch = latch;
    cx->nlatch = nlatch;
    return;
fail:
    free(pre);
    free(post);
    free(idom);
    free(rpo);
    free(npred);
    free(preds);
    free(latch);
}

/* Whether instruction A dominates B in CX's function (every path from the entry to B passes
 * through A). */
static bool dominates(const struct fnctx *cx, unsigned a, unsigned b)
{
    if (cx->post[a] == UINT_MAX || cx->post[b] == UINT_MAX)
        return false;
    for (unsigned guard = 0; guard < cx->f->ninsns; guard++) {
        if (b == a)
            return true;
        if (b == 0 || cx->idom[b] == UINT_MAX)
            return false;
        b = cx->idom[b];
    }
    return false;
}

/* Whether instruction E runs on every time round the loop at HEADER: it lies in the loop (the
 * header dominates it) and dominates one of the loop's back edges. */
static bool every_time_round(const struct fnctx *cx, unsigned e, unsigned header)
{
    if (!cx->idom)
        return false;
    for (unsigned k = 0; k < cx->nlatch; k++)
        if (cx->latch[2 * k + 1] == header && dominates(cx, header, e) &&
            dominates(cx, e, cx->latch[2 * k]))
            return true;
    return false;
}

/* Runs the data-flow over the function from ENTRY to a fixpoint, recording nothing; then, unless
 * the context is quiet, applies every reachable instruction once more to its final state to
 * record exposed exits, pending exits, enters and findings. Fills cx->ret. */
/* Whether P is a parameter the call CX is specialised to passes as NULL (0), or (NONNULL)
 * as something else. */
static bool null_param(const struct fnctx *cx, const struct ct_path *p, bool nonnull)
{
    return p->base == CT_BASE_PARAM && p->nops == 0 && ctx_passes(cx, p->index, nonnull);
}

static void dataflow(struct fnctx *cx, const struct state *entry)
{
    unsigned n = cx->f->ninsns;
    struct state *in = calloc(n ? n : 1, sizeof(*in));
    unsigned *work = malloc((n ? n : 1) * sizeof(unsigned) * 2);
    bool *queued = calloc(n ? n : 1, sizeof(bool));
    /* Basic blocks: a state is kept only where control joins or after a jump; the instructions
     * of a block run on one state in turn. */
    bool *leader = calloc(n ? n : 1, sizeof(bool));
    const unsigned *pre = cx->pre, *post = cx->post;
    size_t head = 0, tail = 0, qcap = (n ? n : 1) * 2;
    struct state cur = {0}, edge = {0};
    unsigned long long steps = 0;
    bool quiet = cx->quiet;

    if (!in || !work || !queued || !leader || n == 0) {
        if (n)
            cx->an->oom = true;
        goto out;
    }
    leader[0] = true;
    for (unsigned i = 0; i < n; i++) {
        const struct ct_insn *insn = &cx->f->insns[i];
        if (insn->kind == CT_I_JUMP || insn->kind == CT_I_BRANCH || insn->kind == CT_I_SWITCH ||
            insn->kind == CT_I_RETURN) {
            if (i + 1 < n)
                leader[i + 1] = true;
            if (insn->kind != CT_I_RETURN)
                for (unsigned k = 0; k < insn->ntargets; k++)
                    if (insn->targets[k] < n)
                        leader[insn->targets[k]] = true;
        }
    }
    cx->quiet = true;
    state_join(cx->an, &in[0], entry);
    work[tail++ % qcap] = 0;
    queued[0] = true;
    while (head != tail && !cx->an->oom && steps < 200000ULL + 64ULL * n &&
           cx->an->work < cx->an->budget) {
        unsigned i = work[head++ % qcap];
        queued[i] = false;
        steps++;
        state_copy(cx->an, &cur, &in[i]);
        bool live;
        /* the block: instructions that only fall through to one that is not a leader */
        while ((live = step(cx, i, &cur)) && i + 1 < n && !leader[i + 1] &&
               cx->f->insns[i].kind != CT_I_JUMP && cx->f->insns[i].kind != CT_I_BRANCH &&
               cx->f->insns[i].kind != CT_I_SWITCH)
            i++;
        if (!live)
            continue;
        const struct ct_insn *insn = &cx->f->insns[i];
        unsigned nt = 1;
        unsigned next[1] = {i + 1};
        const unsigned *targets = next;
        if (insn->kind == CT_I_JUMP || insn->kind == CT_I_BRANCH || insn->kind == CT_I_SWITCH) {
            nt = insn->ntargets;
            targets = insn->targets;
        }
        for (unsigned k = 0; k < nt; k++) {
            unsigned t = targets[k];
            if (t >= n)
                continue;
            if (insn->kind == CT_I_BRANCH && insn->guard_call >= 0 &&
                (k == 0) != insn->guard_zero_on_true &&
                ct_rules_is_setjmp(cx->an->prog->rules, cx->f->calls[insn->guard_call].callee_name))
                continue; /* setjmp returned non-zero: only a longjmp (a cancellation) gets here */
            /* what this edge says of the state: a guard call's result, a pointer that is null */
            bool guarded = insn->kind == CT_I_BRANCH && insn->guard_call >= 0;
            bool null_edge = insn->kind == CT_I_BRANCH && !guarded && insn->null_test &&
                             (k == 0) == insn->null_on_true;
            if (insn->kind == CT_I_BRANCH && !guarded && insn->null_test &&
                null_param(cx, insn->null_test, null_edge))
                continue; /* the edge a parameter this specialisation's call passes cannot take */
            const struct state *src = &cur;
            if (guarded || null_edge) {
                state_copy(cx->an, &edge, &cur);
                if (guarded)
                    prune_guard(&edge, insn->guard_call, insn->guard_zero_on_true, k == 0);
                else
                    prune_null(cx, &edge, insn->null_test);
                src = &edge;
            }
            bool changed = state_join_edge(cx->an, &in[t], src, pre && back_edge(pre, post, i, t), t);
            if (changed && !queued[t]) {
                queued[t] = true;
                work[tail++ % qcap] = t;
            }
        }
    }
    cx->quiet = quiet;
    if (!quiet) {
        for (unsigned i = 0; i < n && !cx->an->oom && cx->an->work < cx->an->budget; i++) {
            if (!leader[i] || !in[i].reached)
                continue;
            state_copy(cx->an, &cur, &in[i]);
            for (unsigned b = i; step(cx, b, &cur) && b + 1 < n && !leader[b + 1] &&
                                 cx->f->insns[b].kind != CT_I_JUMP &&
                                 cx->f->insns[b].kind != CT_I_BRANCH &&
                                 cx->f->insns[b].kind != CT_I_SWITCH;
                 b++)
                ;
        }
    }
out:
    cx->quiet = quiet;
    for (unsigned i = 0; in && i < n; i++)
        free(in[i].v);
    free(in);
    free(work);
    free(queued);
    free(leader);
    free(cur.v);
    free(edge.v);
}

static void compute_aliases(struct fnctx *cx)
{
    for (unsigned i = 0; i < cx->f->ninsns; i++) {
        const struct ct_insn *in = &cx->f->insns[i];
        if (in->kind != CT_I_STORE || in->dst.base != CT_BASE_LOCAL || in->dst.nops != 0)
            continue;
        struct alias *a = (struct alias *)alias_find(cx, in->dst.key);
        struct ct_value src = in->src;
        if (src.kind == CT_VAL_RESULT) {
            struct ct_value r;
            if (resolve_result(cx, src.call, &r))
                src = r;
        }
        int kind = (src.kind == CT_VAL_LOAD || src.kind == CT_VAL_ADDR) ? 0
                   : src.kind == CT_VAL_RESULT                           ? 2
                                                                         : 1;
        bool first = !a;
        if (first) {
            a = CT_PUSH_OR(cx->an, cx->aliases, cx->naliases, cx->capaliases);
            if (!a)
                return;
            a->key = in->dst.key;
            alias_index(cx, cx->naliases - 1);
            a->kind = kind;
            a->value = src;
        }
        if ((src.kind == CT_VAL_LOAD || src.kind == CT_VAL_ADDR) && a->nalts < MAX_ALTS)
            a->alts[a->nalts++] = src;
        if (first || a->kind == 1)
            continue;
        bool same = kind == 0 && a->kind == 0 && a->value.kind == src.kind &&
                    path_match(&a->value.path, &src.path);
        if (!same)
            a->kind = 1;
    }
    /* A local whose value is its own path (p = p->next) is lost. */
    for (size_t k = 0; k < cx->naliases; k++)
        if (cx->aliases[k].kind == 0 && cx->aliases[k].value.path.base == CT_BASE_LOCAL &&
            cx->aliases[k].value.path.key == cx->aliases[k].key)
            cx->aliases[k].kind = 1;
}

/* Every pointer store the function makes, its own and its callees' (flow-insensitive). */
static void collect_stores(struct fnctx *cx)
{
    for (unsigned i = 0; i < cx->f->ninsns && !cx->an->oom; i++) {
        const struct ct_insn *in = &cx->f->insns[i];
        if (in->kind == CT_I_STORE) {
            struct ct_value v = normalize_value(cx, in->src);
            /* p = q stores into the local p itself, not into what p points at */
            struct ct_path dst = in->dst.base == CT_BASE_LOCAL && in->dst.nops == 0
                                     ? in->dst
                                     : normalize(cx, in->dst);
            if (v.kind == CT_VAL_LOAD || v.kind == CT_VAL_ADDR || v.kind == CT_VAL_FUNC)
                add_store(cx, dst, v);
            continue;
        }
        if (in->kind != CT_I_CALL)
            continue;
        const struct ct_call *c = &cx->f->calls[in->call];
        const struct ct_site *site = &cx->an->prog->fns[cx->fn].sites[in->call];
        for (unsigned k = 0; k < site->ntargets; k++) {
            const struct ct_edge_rule *e = ct_site_edge(site, k);
            if (e && e->runs_on != CT_RUNS_CALLER)
                continue;
            struct binding b = {c->args, c->nargs, -1, cx, 0, false};
            struct ct_value vals[2];
            if (e)
                edge_binding(&b, e, c, vals, cx);
            if (site->targs) { /* an exit stack's cleanup, with the data pushed with it */
                b.args = &site->targs[k];
                b.nargs = site->targs[k].kind == CT_VAL_UNKNOWN ? 0 : 1;
                b.only = 0;
                b.param = e ? e->parameter : 0;
            }
            const struct summary *S = &cx->an->sums[site->targets[k]];
            for (size_t j = 0; j < S->nstores; j++) {
                struct ct_path dst = subst(S->stores[j].dst, &b);
                struct ct_value v = value_of(&S->stores[j].src);
                struct ct_value src = subst_value(&v, &b);
                add_store(cx, dst, src);
            }
        }
    }
}

static void summary_fini(struct summary *s)
{
    free(s->exposed);
    free(s->leaked);
    free(s->foreign);
    free(s->entered);
    free(s->pending);
    free(s->stores);
    memset(s, 0, sizeof(*s));
}

/* Analyses function FN, its callback parameters holding what CTX says (NULL: whatever any
 * caller passes), into OUT (which it owns then). */
static void analyze_into(struct an *an, unsigned fn, const struct fpctx *ctx, struct summary *out)
{
    struct fnctx cx;
    struct summary sum = {0};
    struct state entry = {0};

    size_t nraw0 = an->nraw;

    memset(&cx, 0, sizeof(cx));
    cx.an = an;
    cx.fn = fn;
    cx.f = an->prog->fns[fn].f;
    cx.sum = &sum;
    cx.ctx = ctx;
    an->work = 0;
    compute_aliases(&cx);
    collect_stores(&cx);
    cfg_shape(&cx);
    for (unsigned i = 0; i < cx.f->ninsns; i++) {
        const struct ct_insn *in = &cx.f->insns[i];
        if (in->kind != CT_I_RETURN || in->src.kind == CT_VAL_UNKNOWN ||
            in->src.kind == CT_VAL_CONST)
            continue; /* nothing, or NULL on a failure path */
        struct ct_value v = normalize_value(&cx, in->src);
        if (!value_exportable(&cx, &v)) {
            sum.ret_state = 2;
            continue;
        }
        if (sum.ret_state == 0) {
            sum.ret_state = 1;
            sum.ret = v;
        } else if (sum.ret_state == 1 && !value_same(&sum.ret, &v)) {
            sum.ret_state = 2;
        }
    }

    entry.reached = true;
    dataflow(&cx, &entry);

    /* What is left held at the returns. */
    for (unsigned i = 0; i < cx.ret.n; i++) {
        struct fact f = cx.ret.v[i];
        struct ct_path ep = *f.path;
        if (!exportable(&cx, &ep))
            continue;
        f.path = path_intern(an, &ep);
        f.loop_only = false;
        if (f.origin == OWN && sum.nleaked < MAX_SUMMARY_HELD) {
            struct fact *l = CT_PUSH_OR(an, sum.leaked, sum.nleaked, sum.capleaked);
            if (l)
                *l = f;
        } else if ((f.origin == FOREIGN || f.origin == AT_TIMES) &&
                   sum.nforeign < MAX_SUMMARY_HELD) {
            struct fact *l = CT_PUSH_OR(an, sum.foreign, sum.nforeign, sum.capforeign);
            if (l)
                *l = f;
        } else if (f.origin != ENTRY) {
            cx.capped = true;
        }
    }
    /* Exits in started tasks of something this function entered at any point. */
    {
        size_t j = 0;
        for (size_t i = 0; i < sum.npending; i++) {
            const struct fact *held = NULL;
            bool lost = false;
            struct ct_path cur = sum.pending[i].path;
            for (int rw = 0; rw <= MAX_REWRITE && !held; rw++) {
                for (size_t k = 0; k < cx.nenters && !held; k++) {
                    if (path_match(cx.enters[k].path, &cur))
                        held = &cx.enters[k];
                    else if (cx.enters[k].scope == sum.pending[i].scope &&
                             shape_match(&cx, cx.enters[k].path, &cur)) {
                        /* the same shape through a lost pointer: the enter is the one the exit
                         * undoes only if this function never exits it itself (a buffer locked,
                         * then sent through a pipe); one it also exits (libevent's event_add,
                         * locking and unlocking the base) is not paired with a guess */
                        for (unsigned r = 0; r < cx.ret.n && !held; r++)
                            if (cx.ret.v[r].origin == OWN &&
                                path_same(cx.ret.v[r].path, cx.enters[k].path))
                                held = &cx.enters[k];
                        if (!held)
                            lost = true;
                    }
                }
                /* or held by a task started after the one that exits it */
                for (unsigned k = 0; k < cx.ret.n && !held; k++)
                    if (cx.ret.v[k].origin == FOREIGN && path_match(cx.ret.v[k].path, &cur) &&
                        cx.ret.v[k].task != sum.pending[i].task)
                        held = &cx.ret.v[k];
                struct ct_path next;
                if (held || !rewrite(&cx, &cur, &next) || path_same(&next, &cur))
                    break;
                cur = next;
            }
            sum.pending[i].path = cur;
            if (held) {
                add_raw(&cx, &sum.pending[i], held, sum.pending[i].task, sum.pending[i].edge_loc,
                        sum.pending[i].edge, sum.pending[i].edge_task);
                continue;
            }
            if (lost)
                continue;
            struct xexit x = sum.pending[i];
            if (exportable(&cx, &x.path))
                sum.pending[j++] = x;
        }
        sum.npending = j;
    }
    /* Which exposed exits happen on every path: run again with each held on entry. */
    if (sum.nexposed) {
        struct state e2 = {0};
        e2.reached = true;
        for (size_t i = 0; i < sum.nexposed; i++) {
            struct fact f;
            memset(&f, 0, sizeof(f));
            f.path = path_intern(an, &sum.exposed[i].path);
            f.origin = ENTRY;
            f.call = -1;
            state_add(an, &e2, &f);
        }
        cx.quiet = true;
        cx.ret.n = 0;
        cx.ret.reached = false;
        dataflow(&cx, &e2);
        for (size_t i = 0; i < sum.nexposed; i++) {
            bool survives = false;
            for (unsigned r = 0; r < cx.ret.n && !survives; r++)
                survives = cx.ret.v[r].origin == ENTRY &&
                           path_match(cx.ret.v[r].path, &sum.exposed[i].path);
            sum.exposed[i].killed = !survives && cx.ret.reached;
        }
        free(e2.v);
    }
    /* What it enters at any point, as its callers and the tasks it is started in see it. */
    for (size_t i = 0; i < cx.nenters && sum.nentered < MAX_SUMMARY_HELD; i++) {
        struct fact f = cx.enters[i];
        struct ct_path ep = *f.path;
        if (f.origin != OWN || (f.scope && f.scope->stack) || !exportable(&cx, &ep))
            continue;
        f.path = path_intern(an, &ep);
        f.loop_only = false;
        f.many = false;
        struct fact *e = CT_PUSH_OR(an, sum.entered, sum.nentered, sum.capentered);
        if (e)
            *e = f;
    }
    /* Stores the callers can see: through a parameter first, then into fields of objects the
     * function lost track of (typed), at most MAX_EXPORTED_STORES of them. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < cx.stores.n && sum.nstores < MAX_EXPORTED_STORES; i++) {
            struct store st = cx.stores.v[i];
            if ((st.dst->base == CT_BASE_PARAM) != (pass == 0))
                continue;
            struct ct_path dst = *st.dst;
            struct ct_value src = value_of(&st.src);
            if (!exportable(&cx, &dst) || !value_exportable(&cx, &src))
                continue;
            st.dst = path_intern(an, &dst);
            st.src = sval_of(an, &src);
            struct store *d = CT_PUSH_OR(an, sum.stores, sum.nstores, sum.capstores);
            if (d)
                *d = st;
        }
    }
    if (an->work >= an->budget) {
        /* Over budget: a quieter answer. What it found is dropped and its callers see no exit
         * of it; what it leaves held (as far as it got) still holds in them, so that an exit
         * after the call is not taken for one without an enter. */
        an->nraw = nraw0;
        sum.nexposed = 0;
        sum.npending = 0;
        an->over_budget_fn = true;
    }
    if (cx.capped)
        an->capped_fn = true;
    *out = sum;
    hindex_fini(&cx.enters_ix);
    hindex_fini(&cx.exposed_ix);
    hindex_fini(&cx.pending_ix);
    free(cx.aliases);
    free(cx.alias_slots);
    storeset_fini(&cx.stores);
    free(cx.enters);
    free(cx.ret.v);
    free(cx.pre);
    free(cx.post);
    free(cx.idom);
    free(cx.latch);
    free(entry.v);
}

static void analyze_fn(struct an *an, unsigned fn)
{
    struct summary sum;
    analyze_into(an, fn, NULL, &sum);
    summary_fini(&an->sums[fn]);
    an->sums[fn] = sum;
}

/* --- findings out ------------------------------------------------------------------------ */

static char *dupf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#include <stdarg.h>
static char *dupf(const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;
    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    return s;
}

static const char *task_of(const struct ct_program *p, unsigned fn)
{
    int t = p->fns[fn].task;
    return t >= 0 ? p->tasks[t].name : NULL;
}

static bool same_loc(struct ct_loc a, struct ct_loc b)
{
    return a.file == b.file && a.line == b.line && a.col == b.col;
}

static int emit_suspend(struct an *an, const struct raw_finding *r, struct ct_report *report,
                        const char *task)
{
    const struct ct_scope *sc = r->scope;
    const char *res = r->text ? r->text : "?";
    (void)an;
    for (size_t i = 0; i < report->nfindings; i++)
        if (same_loc(report->findings[i].loc, r->exit) && report->findings[i].resource &&
            strcmp(report->findings[i].resource, res) == 0)
            return 0;
    if (ct_grow((void **)&report->findings, &(size_t){report->nfindings},
                report->nfindings + 1, sizeof(*report->findings)) != 0)
        return CT_ENOMEM;
    struct ct_finding *f = &report->findings[report->nfindings];
    memset(f, 0, sizeof(*f));
    f->diag = CT_DIAG_HELD_ACROSS_SUSPEND;
    f->message = dupf("%s '%s' is still held when '%s' suspends at 'co_await %s', and the "
                      "coroutine may resume on another thread; it was %s at %s:%u",
                      sc->title, res, r->exit_function ? r->exit_function : "?",
                      r->awaited ? r->awaited : "...", sc->enter_verb,
                      r->enter.file ? r->enter.file : "?", r->enter.line);
    f->loc = r->exit;
    f->scope_kind = sc->kind;
    f->resource = strdup(res);
    f->affinity = sc->affinity;
    f->enter = r->enter;
    f->enter_task = ct_intern(task);
    f->exit = r->exit;
    f->exit_task = ct_intern(task);
    f->edge = ct_intern("suspension");
    f->function = r->exit_function;
    f->trace = calloc(2, sizeof(*f->trace));
    if (!f->message || !f->resource || !f->trace) {
        free(f->message);
        free(f->resource);
        free(f->trace);
        return CT_ENOMEM;
    }
    report->nfindings++;
    f->trace[f->ntrace].loc = r->enter;
    f->trace[f->ntrace++].message = dupf("%s here", sc->enter_verb);
    f->trace[f->ntrace].loc = r->exit;
    f->trace[f->ntrace++].message = dupf("the coroutine suspends here");
    for (size_t i = 0; i < f->ntrace; i++)
        if (!f->trace[i].message)
            return CT_ENOMEM;
    return 0;
}

/* The defined function holding a call at LOC, or -1. */
static int function_at(const struct ct_program *p, struct ct_loc loc)
{
    for (size_t i = 0; i < p->nfns; i++) {
        const struct ct_function *f = p->fns[i].f;
        if (!f->is_definition || (f->loc.file && f->loc.file != loc.file))
            continue;
        for (unsigned c = 0; c < f->ncalls; c++)
            if (same_loc(f->calls[c].loc, loc))
                return (int)i;
    }
    return -1;
}

/* Whether TO is FROM or is called from it, through calls that stay in the caller's task. SEEN:
 * nfns flags, cleared here. */
static bool calls_reach(const struct ct_program *p, unsigned from, unsigned to, bool *seen,
                        unsigned *queue)
{
    size_t head = 0, tail = 0;
    memset(seen, 0, p->nfns * sizeof(*seen));
    queue[tail++] = from;
    seen[from] = true;
    while (head < tail) {
        unsigned v = queue[head++];
        if (v == to)
            return true;
        const struct ct_fn *node = &p->fns[v];
        for (unsigned ci = 0; node->sites && ci < node->f->ncalls; ci++) {
            const struct ct_site *s = &node->sites[ci];
            if (s->edge && s->edge->runs_on != CT_RUNS_CALLER)
                continue;
            for (unsigned k = 0; k < s->ntargets; k++)
                if (!seen[s->targets[k]]) {
                    seen[s->targets[k]] = true;
                    queue[tail++] = s->targets[k];
                }
        }
    }
    return false;
}

/* Whether function F has a loop (a jump or branch back). */
static bool has_loop(const struct ct_function *f)
{
    for (unsigned i = 0; i < f->ninsns; i++)
        for (unsigned k = 0; f->insns[i].targets && k < f->insns[i].ntargets; k++)
            if (f->insns[i].targets[k] <= i)
                return true;
    return false;
}

/* The name of the function a thread runs, for a task named TASK whose code at AT (an enter or an
 * exit) is reached. A thread whose start routine is a trampoline is named by the function the
 * trampoline runs: pigz's launch(load_read, NULL) starts every thread at ignition, which calls
 * capsule->probe(payload), and the reader thread is load_read. A trampoline here is the entry of
 * a task an edge started, without a loop (a pool worker looping over jobs is the worker), that
 * reaches AT only through one call through a pointer that may call several functions, of which
 * exactly one reaches AT. Otherwise the thread is named by its entry. */
static const char *runs_function(const struct ct_program *p, const char *task, struct ct_loc at)
{
    int in = function_at(p, at);
    if (in < 0 || !task)
        return task;
    int entry = -1;
    for (size_t t = 0; t < p->ntasks && entry < 0; t++)
        if (p->tasks[t].edge && strcmp(p->tasks[t].name, task) == 0)
            entry = (int)p->tasks[t].entry;
    if (entry < 0 || entry == in || has_loop(p->fns[entry].f))
        return task;
    bool *seen = malloc(p->nfns * sizeof(*seen));
    unsigned *queue = malloc(p->nfns * sizeof(*queue));
    const struct ct_fn *node = &p->fns[entry];
    int only = -1;
    bool other = false;
    for (unsigned ci = 0; seen && queue && node->sites && ci < node->f->ncalls && !other; ci++) {
        const struct ct_site *s = &node->sites[ci];
        if (s->edge && s->edge->runs_on != CT_RUNS_CALLER)
            continue;
        bool indirect = !node->f->calls[ci].callee_usr;
        for (unsigned k = 0; k < s->ntargets && !other; k++) {
            if (!calls_reach(p, s->targets[k], (unsigned)in, seen, queue))
                continue;
            if (!indirect || s->ntargets < 2 || (only >= 0 && only != (int)s->targets[k]))
                other = true; /* reached directly too, or through several: keep the entry */
            else
                only = (int)s->targets[k];
        }
    }
    free(seen);
    free(queue);
    return only >= 0 && !other ? p->fns[only].f->name : task;
}

#define MAX_ENTER_CHAIN 6 /* calls shown between a task's entry and its enter */

/* The calls from FROM down to the function holding the call at AT, through calls that stay in
 * FROM's task, the shortest such chain (breadth first): written innermost first, one call site
 * of each caller, into SITES (at most MAX_ENTER_CHAIN, with the callee of each in CALLEES).
 * Returns how many; 0 when AT is in FROM itself or no chain is found. */
static unsigned enter_chain(const struct ct_program *p, unsigned from, struct ct_loc at,
                            struct ct_loc *sites, const char **callees)
{
    int to = function_at(p, at);
    if (to < 0 || (unsigned)to == from)
        return 0;
    int *parent = malloc(p->nfns * sizeof(*parent));
    unsigned *via = malloc(p->nfns * sizeof(*via));
    unsigned *queue = malloc(p->nfns * sizeof(*queue));
    unsigned n = 0;
    if (!parent || !via || !queue)
        goto out;
    for (size_t i = 0; i < p->nfns; i++)
        parent[i] = -2;
    size_t head = 0, tail = 0;
    queue[tail++] = from;
    parent[from] = -1;
    while (head < tail && parent[to] == -2) {
        unsigned v = queue[head++];
        const struct ct_fn *node = &p->fns[v];
        for (unsigned ci = 0; node->sites && ci < node->f->ncalls; ci++) {
            const struct ct_site *st = &node->sites[ci];
            if (st->edge && st->edge->runs_on != CT_RUNS_CALLER)
                continue;
            for (unsigned k = 0; k < st->ntargets; k++)
                if (parent[st->targets[k]] == -2) {
                    parent[st->targets[k]] = (int)v;
                    via[st->targets[k]] = ci;
                    queue[tail++] = st->targets[k];
                }
        }
    }
    if (parent[to] == -2)
        goto out;
    for (int v = to; parent[v] >= 0 && n < MAX_ENTER_CHAIN; v = parent[v]) {
        sites[n] = p->fns[parent[v]].f->calls[via[v]].loc;
        callees[n++] = p->fns[v].f->name;
    }
out:
    free(parent);
    free(via);
    free(queue);
    return n;
}

/* The function a finding's enter was made from: the task's entry for an enter of another task,
 * else the function the finding was made in. */
static unsigned enter_from(const struct ct_program *p, const struct raw_finding *r)
{
    if (r->enter_task)
        for (size_t t = 0; t < p->ntasks; t++)
            if (p->tasks[t].name == r->enter_task)
                return p->tasks[t].entry;
    return r->fn;
}

static int emit_finding(struct an *an, const struct raw_finding *r, struct ct_report *report)
{
    const struct ct_program *p = an->prog;
    const char *fn_task = task_of(p, r->fn);
    const char *enter_task = r->enter_task ? r->enter_task : fn_task;
    const char *exit_task = r->exit_task ? r->exit_task : fn_task;
    const struct ct_scope *sc = r->scope;
    bool thread = r->edge ? ct_runs_on_changes_thread(r->edge->runs_on) : true;
    const char *where = thread ? "thread" : "task";
    char resbuf[256];
    const char *res = r->text;

    if (!fn_task || !enter_task || !exit_task)
        return 0; /* unreachable code: no task runs it */
    if (r->suspend)
        return emit_suspend(an, r, report, fn_task);
    if (strcmp(enter_task, exit_task) == 0)
        return 0; /* two runs of one entry: too often a path no run takes; not reported */
    for (size_t i = 0; i < report->nfindings; i++)
        if (same_loc(report->findings[i].loc, r->exit) &&
            same_loc(report->findings[i].enter, r->enter))
            return 0; /* one finding per exit site and enter: a helper releasing two locks
                       * entered elsewhere (or an exit stack's close, two pushes) is two */
    if (!res) {
        res = resbuf;
        ct_path_format(&(struct ct_path){0}, resbuf, sizeof(resbuf));
    }
    /* threads are named by what they run, not by a trampoline that calls it */
    exit_task = runs_function(p, exit_task, r->exit);
    enter_task = runs_function(p, enter_task, r->enter);
    if (ct_grow((void **)&report->findings, &(size_t){report->nfindings},
                report->nfindings + 1, sizeof(*report->findings)) != 0)
        return CT_ENOMEM;
    struct ct_finding *f = &report->findings[report->nfindings];
    memset(f, 0, sizeof(*f));
    f->diag = CT_DIAG_CROSS_TASK_EXIT;
    /* the affinity that makes it wrong: another thread, or the same thread in another task */
    f->message = dupf("%s '%s' is %s in %s '%s' but was %s in %s '%s' at %s:%u%s", sc->title, res,
                      sc->exit_verb, where, exit_task, sc->enter_verb, where, enter_task,
                      r->enter.file ? r->enter.file : "?", r->enter.line,
                      thread ? "" : " (the same thread, but a task-bound scope: it must be "
                                    "exited by the task that entered it)");
    f->loc = r->exit;
    f->scope_kind = sc->kind;
    f->resource = strdup(res);
    f->affinity = sc->affinity;
    f->enter = r->enter;
    f->enter_task = ct_intern(enter_task);
    f->exit = r->exit;
    f->exit_task = ct_intern(exit_task);
    f->edge = r->edge ? ct_intern(ct_edge_kind_name(r->edge->kind)) : ct_intern("spawn");
    f->function = r->exit_function;
    struct ct_loc chain[MAX_ENTER_CHAIN];
    const char *chain_callee[MAX_ENTER_CHAIN];
    unsigned nchain = enter_chain(p, enter_from(p, r), r->enter, chain, chain_callee);
    struct ct_loc spawn_chain[MAX_ENTER_CHAIN];
    const char *spawn_callee[MAX_ENTER_CHAIN];
    unsigned nspawn = r->edge ? enter_chain(p, r->fn, r->edge_loc, spawn_chain, spawn_callee) : 0;
    f->trace = calloc(r->nsteps + 2 + nchain + nspawn, sizeof(*f->trace));
    if (!f->message || !f->resource || !f->trace) {
        free(f->message);
        free(f->resource);
        free(f->trace);
        return CT_ENOMEM;
    }
    report->nfindings++;
    f->trace[f->ntrace].loc = r->enter;
    f->trace[f->ntrace++].message = dupf("%s here", sc->enter_verb);
    for (unsigned i = 0; i < nchain; i++) {
        /* how the entering task got there: a backtrace from the enter up to its entry */
        f->trace[f->ntrace].loc = chain[i];
        f->trace[f->ntrace++].message = dupf("%s in '%s', called here", sc->enter_verb,
                                             chain_callee[i]);
    }
    if (r->edge) {
        f->trace[f->ntrace].loc = r->edge_loc;
        f->trace[f->ntrace++].message =
            dupf("'%s' starts here %s (%s)", r->edge_task ? r->edge_task : "?",
                 runs_on_phrase(r->edge->runs_on), r->edge->call);
        for (unsigned i = 0; i < nspawn; i++) {
            /* a start inside a wrapper: the calls that chose what it starts */
            f->trace[f->ntrace].loc = spawn_chain[i];
            f->trace[f->ntrace++].message = dupf("started in '%s', called here", spawn_callee[i]);
        }
    }
    for (unsigned i = 0; i < r->nsteps; i++) {
        f->trace[f->ntrace].loc = r->steps[i].loc;
        f->trace[f->ntrace++].message = strdup(r->steps[i].what);
    }
    for (size_t i = 0; i < f->ntrace; i++)
        if (!f->trace[i].message)
            return CT_ENOMEM;
    return 0;
}

/* Exits still unmatched at a root task's entry: no enter of its own task precedes them. Each
 * that met a task started before it and entering the same resource at times is reported with
 * that task's enter, since the trace then shows how the two meet (the start, the enter, the
 * exit). One that met none names no enter: there is no path to show, and no claim is made. */
static void root_exposed(struct an *an)
{
    struct ct_program *p = an->prog;
    for (size_t t = 0; t < p->ntasks; t++) {
        if (p->tasks[t].edge)
            continue;
        const struct summary *S = &an->sums[p->tasks[t].entry];
        for (size_t i = 0; i < S->nexposed; i++) {
            const struct xexit *x = &S->exposed[i];
            if (!x->has_other || x->weak || x->other_task == p->tasks[t].name ||
                thread_local_path(&x->path))
                continue;
            if (x->path.base == CT_BASE_PARAM)
                continue; /* of what the root's caller, outside the program, passed: a library
                           * function documented to be called with the lock held
                           * (gst_base_sink_wait: "called with the PREROLL_LOCK held") */
            struct raw_finding *rf = CT_PUSH_OR(an, an->raw, an->nraw, an->capraw);
            if (!rf)
                return;
            memset(rf, 0, sizeof(*rf));
            rf->fn = p->tasks[t].entry;
            rf->scope = x->scope;
            rf->text = x->text;
            rf->enter = x->other_enter;
            rf->enter_task = x->other_task;
            rf->exit = x->site;
            rf->exit_task = p->tasks[t].name;
            rf->exit_function = x->function;
            rf->edge = x->other_edge;
            rf->edge_loc = x->other_edge_loc;
            rf->edge_task = x->other_task;
            rf->nsteps = x->nsteps;
            memcpy(rf->steps, x->steps, sizeof(rf->steps));
        }
    }
}

static int raw_cmp(const void *a, const void *b)
{
    const struct raw_finding *x = a, *y = b;
    int c = strcmp(x->exit.file ? x->exit.file : "", y->exit.file ? y->exit.file : "");
    if (c)
        return c;
    if (x->exit.line != y->exit.line)
        return x->exit.line < y->exit.line ? -1 : 1;
    if (x->exit.col != y->exit.col)
        return x->exit.col < y->exit.col ? -1 : 1;
    c = strcmp(x->enter.file ? x->enter.file : "", y->enter.file ? y->enter.file : "");
    if (c)
        return c;
    if (x->enter.line != y->enter.line)
        return x->enter.line < y->enter.line ? -1 : 1;
    if (x->enter.col != y->enter.col)
        return x->enter.col < y->enter.col ? -1 : 1;
    return 0;
}

static unsigned long long exits_hash(unsigned long long h, const struct xexit *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned long long p = ct_path_hash(&v[i].path);
        h = ct_hash(h, &p, sizeof(p));
        h = ct_hash(h, &v[i].scope, sizeof(v[i].scope));
        h = ct_hash(h, &v[i].site.line, sizeof(v[i].site.line));
        h = ct_hash(h, &v[i].site.col, sizeof(v[i].site.col));
        h = ct_hash(h, &v[i].killed, sizeof(v[i].killed));
        h = ct_hash(h, &v[i].has_other, sizeof(v[i].has_other));
    }
    return ct_hash(h, &n, sizeof(n));
}

static unsigned long long facts_hash(unsigned long long h, const struct fact *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned long long p = ipath_hash(v[i].path);
        h = ct_hash(h, &p, sizeof(p));
        h = ct_hash(h, &v[i].origin, sizeof(v[i].origin));
        h = ct_hash(h, &v[i].scope, sizeof(v[i].scope));
        h = ct_hash(h, &v[i].task, sizeof(v[i].task));
        h = ct_hash(h, &v[i].enter.line, sizeof(v[i].enter.line));
    }
    return ct_hash(h, &n, sizeof(n));
}

/* A hash of what S tells its callers: two summaries with the same hash are taken to be the same
 * (a recursive component's functions are analysed again only when a callee's summary changed). */
static unsigned long long summary_hash(const struct summary *S)
{
    unsigned long long h = ct_hash(0, &S->ret_state, sizeof(S->ret_state));
    h = exits_hash(h, S->exposed, S->nexposed);
    h = exits_hash(h, S->pending, S->npending);
    h = facts_hash(h, S->leaked, S->nleaked);
    h = facts_hash(h, S->foreign, S->nforeign);
    h = facts_hash(h, S->entered, S->nentered);
    for (size_t i = 0; i < S->nstores; i++)
        h = ct_hash(h, &S->stores[i].hash, sizeof(S->stores[i].hash));
    return ct_hash(h, &S->nstores, sizeof(S->nstores));
}

/* Whether FN, last analysed at AT, used a summary of its own component that changed since. */
static bool uses_changed(const struct ct_program *prog, unsigned fn, const unsigned long long *at,
                         const unsigned long long *changed)
{
    const struct ct_fn *node = &prog->fns[fn];
    for (unsigned ci = 0; node->sites && ci < node->f->ncalls; ci++)
        for (unsigned k = 0; k < node->sites[ci].ntargets; k++) {
            unsigned t = node->sites[ci].targets[k];
            if (prog->scc[t] != prog->scc[fn])
                continue;
            if (changed[t] > at[fn] || (t == fn && changed[fn] == at[fn]))
                return true;
        }
    return false;
}

static int run(struct an *an, const struct ct_tu_facts *const *tus, size_t ntus,
               const struct ct_rules *rules, struct ct_program *prog)
{
    int rc = ct_program_build(prog, tus, ntus, rules);
    if (rc != 0)
        return rc;
    an->prog = prog;
    an->sums = calloc(prog->nfns ? prog->nfns : 1, sizeof(*an->sums));
    an->cbmask = calloc(prog->nfns ? prog->nfns : 1, sizeof(*an->cbmask));
    an->flags = calloc(prog->nfns ? prog->nfns : 1, sizeof(*an->flags));
    an->budget = FN_BUDGET;
    an->spec_head = malloc((prog->nfns ? prog->nfns : 1) * sizeof(*an->spec_head));
    if (!an->cbmask || !an->spec_head || !an->flags)
        return CT_ENOMEM; /* freed with the rest in analyze_program */
    for (size_t k = 0; k < prog->nfns; k++)
        an->spec_head[k] = -1;
    unsigned char *flags = an->flags;
    /* per function: the hash of its summary, when it was last analysed, when its summary last
     * changed (a clock counting analyses) */
    unsigned long long *shash = calloc(prog->nfns ? prog->nfns : 1, sizeof(*shash));
    unsigned long long *at = calloc(prog->nfns ? prog->nfns : 1, sizeof(*at));
    unsigned long long *changed = calloc(prog->nfns ? prog->nfns : 1, sizeof(*changed));
    unsigned long long clock = 0;
    if (!an->sums || !shash || !at || !changed) {
        free(shash);
        free(at);
        free(changed);
        return CT_ENOMEM;
    }
    {
        struct summary empty = {0};
        unsigned long long h0 = summary_hash(&empty);
        for (size_t k = 0; k < prog->nfns; k++)
            shash[k] = h0;
    }
    size_t reported = 0, step_every = prog->norder / 200 + 1;
    /* Bottom-up; a recursive component is iterated a few times. */
    for (size_t i = 0; i < prog->norder && !an->oom;) {
        size_t j = i;
        while (j < prog->norder && prog->scc[prog->order[j]] == prog->scc[prog->order[i]])
            j++;
        /* (a large component twice: its summaries are mostly settled after the second) */
        int rounds = j - i > 32 ? 2 : j - i > 1 ? 3 : 1;
        if (j - i == 1) {
            /* a single function calling itself is recursive too */
            unsigned v = prog->order[i];
            for (unsigned ci = 0; ci < prog->fns[v].f->ncalls; ci++)
                for (unsigned k = 0; k < prog->fns[v].sites[ci].ntargets; k++)
                    if (prog->fns[v].sites[ci].targets[k] == v)
                        rounds = 2;
        }
        for (int r = 0; r < rounds; r++, an->round++)
            for (size_t k = i; k < j; k++) {
                unsigned fn = prog->order[k];
                /* again only if a summary it used has changed since; one over budget keeps
                 * its first, quieter summary */
                if (r > 0 && ((flags[fn] & 1) || !uses_changed(prog, fn, at, changed)))
                    continue;
                an->over_budget_fn = an->capped_fn = false;
                analyze_fn(an, fn);
                flags[fn] |= (an->over_budget_fn ? 1 : 0) | (an->capped_fn ? 2 : 0);
                at[fn] = ++clock;
                unsigned long long h = summary_hash(&an->sums[fn]);
                if (h != shash[fn]) {
                    shash[fn] = h;
                    changed[fn] = clock;
                }
            }
        i = j;
        if (an->opts && an->opts->progress && (i - reported >= step_every || i == prog->norder)) {
            an->opts->progress(an->opts->progress_ctx, i, prog->norder);
            reported = i;
        }
    }
    if (an->stats) {
        an->stats->functions = prog->norder;
        for (size_t k = 0; k < prog->nfns; k++) {
            an->stats->over_budget += (flags[k] & 1) != 0;
            an->stats->capped += (flags[k] & 2) != 0;
        }
    }
    free(shash);
    free(at);
    free(changed);
    if (an->oom)
        return CT_ENOMEM;
    root_exposed(an);
    return an->oom ? CT_ENOMEM : 0;
}

static int analyze_program(const struct ct_tu_facts *const *tus, size_t ntus,
                           const struct ct_rules *rules, const struct ct_analysis_opts *opts,
                           struct ct_report *report, struct ct_analysis_stats *stats);

int ct_analyze(const struct ct_tu_facts *const *tus, size_t ntus, const struct ct_rules *rules,
               struct ct_report *report)
{
    return analyze_program(tus, ntus, rules, NULL, report, NULL);
}

int ct_analyze_ex(const struct ct_tu_facts *const *tus, size_t ntus, const struct ct_rules *rules,
                  const struct ct_analysis_opts *opts, struct ct_report *report,
                  struct ct_analysis_stats *stats)
{
    return analyze_program(tus, ntus, rules, opts, report, stats);
}

static int analyze_program(const struct ct_tu_facts *const *tus, size_t ntus,
                           const struct ct_rules *rules, const struct ct_analysis_opts *opts,
                           struct ct_report *report, struct ct_analysis_stats *stats)
{
    struct an an;
    struct ct_program prog;
    int rc;

    memset(&an, 0, sizeof(an));
    memset(&prog, 0, sizeof(prog));
    if (stats)
        memset(stats, 0, sizeof(*stats));
    an.opts = opts;
    an.stats = stats;
    rc = run(&an, tus, ntus, rules, &prog);
    if (rc == 0) {
        if (an.nraw)
            qsort(an.raw, an.nraw, sizeof(*an.raw), raw_cmp);
        for (size_t i = 0; i < an.nraw && rc == 0; i++)
            rc = emit_finding(&an, &an.raw[i], report);
        report->nfunctions = report->nunreached = 0;
        for (size_t i = 0; i < prog.nfns; i++) {
            if (!prog.fns[i].f->is_definition)
                continue;
            report->nfunctions++;
            if (prog.fns[i].task < 0)
                report->nunreached++;
        }
    }
    for (size_t i = 0; an.sums && i < prog.nfns; i++)
        summary_fini(&an.sums[i]);
    free(an.sums);
    for (size_t i = 0; i < an.nspecs; i++)
        summary_fini(&an.specs[i].sum);
    free(an.specs);
    free(an.spec_head);
    free(an.cbmask);
    free(an.flags);
    free(an.raw);
    storeset_fini(&an.gstores);
    pathtab_fini(&an.paths);
    ct_program_fini(&prog);
    return rc;
}

int ct_dump_tasks(const struct ct_tu_facts *const *tus, size_t ntus, const struct ct_rules *rules,
                  ct_write_fn write, void *out)
{
    struct ct_program prog;
    int rc = ct_program_build(&prog, tus, ntus, rules);
    if (rc == 0)
        ct_program_dump(&prog, write, out);
    ct_program_fini(&prog);
    return rc;
}
