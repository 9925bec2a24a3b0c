/* facts.h - the libclang-free intermediate representation: what the frontend learned about each
 * function of a translation unit.
 *
 * A function body is lowered to a small linear instruction list (calls, stores, jumps, branches,
 * returns) so that the analysis can run a data-flow over it with gotos, loops, switches and early
 * returns handled alike. Values are access paths: a base (global, parameter, local) followed by
 * dereferences, field selections and array indexing.
 *
 * Every string in facts is interned (ct_intern), so it outlives the translation unit and compares
 * with ==. Nothing here refers to libclang.
 */
#ifndef CT_FACTS_H
#define CT_FACTS_H

#include <stddef.h>
#include <stdbool.h>
#include "ct.h"

/* A source position. FILE is interned; LINE and COL are 1-based (0 when unknown). */
struct ct_loc {
    const char *file;
    unsigned line;
    unsigned col;
};

enum ct_op_kind {
    CT_OP_DEREF, /* *p, and the first half of p->f */
    CT_OP_FIELD, /* .f */
    CT_OP_INDEX  /* [i] of an array object; every index is the same element */
};

struct ct_op {
    enum ct_op_kind kind;
    bool first;         /* CT_OP_FIELD: the field is at offset 0, so s->mu and (T *)s meet */
    const char *field;  /* CT_OP_FIELD: the field name, interned */
    const char *record; /* CT_OP_FIELD: the struct/union/class spelling, interned */
};

enum ct_base_kind {
    CT_BASE_NONE,   /* no path: a constant, a computed value, an unknown */
    CT_BASE_GLOBAL, /* a variable with static storage; KEY is its USR ("tls:USR" for a
                     * thread-local one, which each thread has its own of) */
    CT_BASE_PARAM,  /* parameter INDEX of the enclosing function */
    CT_BASE_LOCAL,  /* a local variable of the enclosing function; KEY is unique in it */
    CT_BASE_THIS    /* unused: a method's object is its parameter 0 (see ct_function) */
};

#define CT_PATH_MAX_OPS 8

/* An access path: the storage named by BASE, then OPS applied in order. `ctx->mu` with ctx the
 * first parameter is {PARAM 0, [DEREF, FIELD mu]}. A path deeper than CT_PATH_MAX_OPS keeps its
 * first ops and sets TRUNCATED.
 *
 * A path is a small value (40 bytes), copied freely; its ops are shared: OPS points at an
 * interned sequence (ct_ops_intern) that is never written and lives until ct_ops_shutdown(), so
 * an instruction or a call of the facts holds its paths inline at little cost (most paths of a
 * program share a few thousand op sequences). OPS may hold more than NOPS ops (a path shortened
 * by lowering NOPS reads a prefix); only the first NOPS count. Change the ops with
 * ct_path_push, ct_path_append or ct_path_set_ops, never through OPS. */
struct ct_path {
    enum ct_base_kind base;
    int index;               /* CT_BASE_PARAM: 0-based parameter position */
    const char *key;         /* CT_BASE_GLOBAL: USR; CT_BASE_LOCAL: unique name; interned */
    const char *name;        /* spelling of the base variable, for messages; interned */
    unsigned nops;
    bool truncated;
    const struct ct_op *ops; /* interned, at least NOPS ops; NULL when NOPS is 0 */
};

enum ct_value_kind {
    CT_VAL_UNKNOWN, /* nothing known */
    CT_VAL_LOAD,    /* the value stored in PATH (reading an lvalue) */
    CT_VAL_ADDR,    /* the address of PATH (&x, an array decaying, a function designator) */
    CT_VAL_FUNC,    /* a function: FUNC is its USR */
    CT_VAL_RESULT,  /* the result of call number CALL of the same function */
    CT_VAL_CONST    /* an integer constant: CONST_VALUE */
};

/* What an expression evaluates to, as far as pointers and function values go. */
struct ct_value {
    enum ct_value_kind kind;
    int call;              /* CT_VAL_RESULT: index into ct_function.calls */
    struct ct_path path;   /* CT_VAL_LOAD, CT_VAL_ADDR */
    const char *func;      /* CT_VAL_FUNC: USR of the function, interned */
    const char *func_name; /* CT_VAL_FUNC: its spelling, interned */
    long long const_value; /* CT_VAL_CONST */
    const char *text;      /* source spelling of the expression (at most ~80 chars), interned or NULL */
};

/* One call site. A direct call names its callee; an indirect call has CALLEE_USR NULL and
 * CALLEE_VALUE saying where the function pointer was read from. */
struct ct_call {
    const char *callee_usr;   /* interned; NULL for an indirect call */
    const char *callee_name;  /* interned spelling (for rule matching and messages); NULL if indirect */
    struct ct_value callee_value; /* indirect calls: the function pointer expression */
    unsigned nargs;
    struct ct_value *args;    /* NARGS values, owned by the function's arena */
    bool result_used;         /* the result is assigned, tested or passed on */
    bool implicit;            /* inserted by the compiler, not written: the cleanup function of
                               * a variable with __attribute__((cleanup(f))), called with the
                               * variable's address where its scope ends (args[0].text names
                               * the variable); a C++ destructor at the end of an object's life
                               * (scope end, early exit, end of a full-expression, delete, end
                               * of a closure) */
    struct ct_path result_to; /* where the result is stored (x = f()), base NONE if not */
    struct ct_loc loc;        /* the call expression's start */
    bool moves;               /* the call moves the object argument 1 points to into the object
                               * argument 0 points to (a move constructor, an object captured by
                               * move): whatever the first held, the second now holds; it enters
                               * and exits nothing itself */
    const char *owner;        /* an owner's release (C++): the qualified name of the owning
                               * class (a smart pointer such as std::shared_ptr, template
                               * arguments dropped), interned; the call is then an implicit
                               * call of the owned object's destructor with argument 0 the
                               * pointer the owner holds, and the packs' "owners" say when it
                               * runs (always, or only for the last owner). NULL otherwise */
};

enum ct_insn_kind {
    CT_I_CALL,   /* CALL: calls[call]; then the next instruction */
    CT_I_STORE,  /* STORE: dst = src; then the next instruction */
    CT_I_JUMP,   /* go to targets[0] */
    CT_I_BRANCH, /* go to targets[0] (condition true) or targets[1] (false) */
    CT_I_SWITCH, /* go to any of targets[0..ntargets) */
    CT_I_RETURN, /* leave the function */
    CT_I_SUSPEND /* the function suspends here and resumes later, maybe on another thread (C++20
                  * co_await/co_yield, Python's await); then the next instruction. SRC: the
                  * awaited value; AWAITABLE: its type */
};

struct ct_insn {
    enum ct_insn_kind kind;
    int call;                 /* CT_I_CALL: index into calls */
    struct ct_path dst;       /* CT_I_STORE */
    struct ct_value src;      /* CT_I_STORE: the value stored; CT_I_RETURN: the value returned */
    unsigned ntargets;
    unsigned *targets;        /* JUMP/BRANCH/SWITCH successors, owned by the arena */
    /* CT_I_BRANCH whose condition tests the result of a call against zero: */
    int guard_call;           /* index into calls, or -1 */
    bool guard_zero_on_true;  /* the true edge is taken when that call returned 0 */
    /* CT_I_BRANCH whose condition tests a pointer against null (`p`, `!p`, `s->lock != NULL`): */
    const struct ct_path *null_test; /* where the pointer is stored, owned by the arena; or NULL */
    bool null_on_true;        /* the true edge is taken when it is null */
    const char *awaitable;    /* CT_I_SUSPEND: the qualified name of the awaited value's type
                               * (template arguments dropped), interned, or NULL */
    struct ct_loc loc;
};

enum ct_linkage { CT_LINK_INTERNAL, CT_LINK_EXTERNAL };

/* A source annotation on a function: annotate("crosstask::enter:KIND") and the like. */
struct ct_annotation {
    const char *text; /* the annotation string, interned */
};

struct ct_param {
    const char *name;  /* interned, may be "" */
    bool is_func_ptr;  /* a pointer to function */
};

/* One function definition (or, with no body, a declaration the TU references).
 *
 * A method (C++) takes its object as parameter 0, named "this", and a call of a method passes
 * the object's address as argument 0: `mu_.lock()` in a method is a call of std::mutex::lock
 * with &this->mu_. Constructors and destructors are methods like the others.
 *
 * A closure (a C++ lambda) is a function of its own that shares the frame of the function that
 * wrote it: its parameters start with that function's (then come its own), and the variables it
 * captures are spelled as they are there. CLOSURE_OF names that function. */
struct ct_function {
    const char *usr;   /* interned; the identity across translation units */
    const char *name;  /* interned spelling, qualified for C++ methods (ns::cls::m) */
    enum ct_linkage linkage;
    bool is_definition;
    struct ct_loc loc; /* where the name is */
    unsigned nparams;
    struct ct_param *params;
    unsigned nannotations;
    struct ct_annotation *annotations;
    unsigned ncalls;
    struct ct_call *calls;
    unsigned ninsns;
    struct ct_insn *insns; /* insns[0] is the entry */
    const char *closure_of; /* a closure: USR of the (outermost) function whose frame it shares,
                             * interned; NULL for every other function */
    unsigned noverrides;
    const char **overrides; /* USRs of the methods this one overrides (C++ virtual methods): a
                             * call of one of them may run this one; owned by the arena */
};

/* The facts of one translation unit. Everything inside is owned by the arena of this struct and
 * freed by ct_tu_facts_free(). */
struct ct_tu_facts {
    const char *file;            /* the main file as given, interned */
    size_t nfunctions;
    struct ct_function *functions;
    /* Stores made by static initialisers of globals (struct ops x = { .close = f }):
     * held as the instructions of a pseudo-function with no calls. */
    size_t ninit_stores;
    struct ct_insn *init_stores;
    size_t ndeps;
    const char **deps;           /* the main file and every file it includes (interned) */
    size_t nabsent;
    const char **absent;         /* paths a header was looked up at and not found (interned):
                                  * the result holds only while they stay absent */
    size_t nerrors;
    struct ct_tu_error {
        struct ct_loc loc;       /* loc.file NULL when the error is about the whole file */
        const char *message;     /* interned */
    } *errors;                   /* malloc'd; freed by ct_tu_facts_free() too */
    struct ct_arena *arena;      /* owns every other array above */
};

/* --- arena: one per translation unit ---------------------------------------------------- */

/* Returns a new empty arena; free with ct_arena_free(). NULL when out of memory. */
struct ct_arena *ct_arena_new(void);

/* Returns SIZE zeroed bytes owned by ARENA (valid until ct_arena_free), or NULL. */
void *ct_arena_alloc(struct ct_arena *arena, size_t size);

/* Makes the next SIZE bytes ARENA hands out come from one block of exactly that size (a copy
 * whose size is known wastes nothing). Returns 0 or CT_ENOMEM. */
int ct_arena_reserve(struct ct_arena *arena, size_t size);

/* Frees ARENA and everything allocated in it. Accepts NULL. */
void ct_arena_free(struct ct_arena *arena);

/* Returns a new, empty facts record for FILE with its own arena; free with ct_tu_facts_free().
 * NULL when out of memory. */
struct ct_tu_facts *ct_tu_facts_new(const char *file);

/* Frees FACTS and its arena. Accepts NULL. */
void ct_tu_facts_free(struct ct_tu_facts *facts);

/* Keeps only the functions KEEP[i] marks (of FACTS->nfunctions), in order: they and everything
 * else FACTS holds are copied into a new arena of exactly the size they take, and the old one is
 * freed (a TU's copies of inline functions another TU already gave the program take no memory
 * then, nor does the rest of the last block of a small TU's arena). When KEEP keeps everything
 * and the arena holds less than a quarter more than that size, nothing is copied. Returns 0, or
 * CT_ENOMEM with FACTS unchanged. */
int ct_tu_facts_keep(struct ct_tu_facts *facts, const bool *keep);

/* --- paths ------------------------------------------------------------------------------- */

/* True when A and B name the same storage (same base, same ops; field records ignored only
 * when one of them is NULL). A trailing field at offset 0 names the same storage as the object
 * holding it: &s->mu and (pthread_mutex_t *)s meet when mu is the first member. */
bool ct_path_equal(const struct ct_path *a, const struct ct_path *b);

/* Hash of a path consistent with ct_path_equal. */
unsigned long long ct_path_hash(const struct ct_path *p);

/* Returns the interned copy of the N ops at OPS (N at most CT_PATH_MAX_OPS): equal sequences
 * give the same pointer; it lives until ct_ops_shutdown(). NULL when N is 0 or out of memory.
 * Thread-safe. */
const struct ct_op *ct_ops_intern(const struct ct_op *ops, unsigned n);

/* Frees every interned op sequence. Call once, at the very end, when no thread uses them. */
void ct_ops_shutdown(void);

/* Appends OP to P; past CT_PATH_MAX_OPS (or out of memory) sets P->truncated instead. */
void ct_path_push(struct ct_path *p, struct ct_op op);

/* Appends the N ops at OPS to P (one ct_path_push each, interned once). */
void ct_path_append(struct ct_path *p, const struct ct_op *ops, unsigned n);

/* Sets P's ops to the N at OPS (those past CT_PATH_MAX_OPS dropped, P->truncated set). */
void ct_path_set_ops(struct ct_path *p, const struct ct_op *ops, unsigned n);

/* Writes a C-like spelling of P (`ctx->mu`, `g_lock`, `$0->mu` for an unnamed parameter) into
 * BUF of SIZE bytes, always NUL-terminated. Returns BUF. */
char *ct_path_format(const struct ct_path *p, char *buf, size_t size);

/* The last CT_OP_FIELD of P as (record, field), or false if P has none. */
bool ct_path_last_field(const struct ct_path *p, const char **record, const char **field);

/* Writes a one-line text dump of FACTS (--dump=facts) through WRITE (like fputs) to OUT. */
typedef int (*ct_write_fn)(const char *text, void *out);
void ct_tu_facts_dump(const struct ct_tu_facts *facts, ct_write_fn write, void *out);

#endif
