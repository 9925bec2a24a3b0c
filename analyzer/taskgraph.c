/* taskgraph.c - the whole program: functions merged across translation units, call sites
 * classified from the rule packs, function pointers resolved through the stores that feed them
 * (parameters, struct fields, globals, locals), bottom-up order of the call graph, and the tasks.
 *
 * It must never print, exit, or name an API: every API fact comes from the rules.
 */
#include "taskgraph.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- a small hash map from up to three words to an index ------------------------------- */

struct kslot {
    const void *a, *b;
    uintptr_t c;
    unsigned value; /* index + 1; 0 = empty */
};

struct kmap {
    struct kslot *slots;
    size_t cap, count;
};

static size_t kmap_hash(const void *a, const void *b, uintptr_t c)
{
    uintptr_t w[3] = {(uintptr_t)a, (uintptr_t)b, c};
    return (size_t)ct_hash(CT_HASH_INIT, w, sizeof(w));
}

static int kmap_get(const struct kmap *m, const void *a, const void *b, uintptr_t c)
{
    if (!m->cap)
        return -1;
    size_t i = kmap_hash(a, b, c) & (m->cap - 1);
    while (m->slots[i].value) {
        if (m->slots[i].a == a && m->slots[i].b == b && m->slots[i].c == c)
            return (int)m->slots[i].value - 1;
        i = (i + 1) & (m->cap - 1);
    }
    return -1;
}

static int kmap_put(struct kmap *m, const void *a, const void *b, uintptr_t c, unsigned value)
{
    if ((m->count + 1) * 2 > m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 256;
        struct kslot *ns = calloc(ncap, sizeof(*ns));
        if (!ns)
            return CT_ENOMEM;
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->slots[i].value)
                continue;
            size_t j = kmap_hash(m->slots[i].a, m->slots[i].b, m->slots[i].c) & (ncap - 1);
            while (ns[j].value)
                j = (j + 1) & (ncap - 1);
            ns[j] = m->slots[i];
        }
        free(m->slots);
        m->slots = ns;
        m->cap = ncap;
    }
    size_t i = kmap_hash(a, b, c) & (m->cap - 1);
    while (m->slots[i].value) {
        if (m->slots[i].a == a && m->slots[i].b == b && m->slots[i].c == c) {
            m->slots[i].value = value + 1;
            return 0;
        }
        i = (i + 1) & (m->cap - 1);
    }
    m->slots[i].a = a;
    m->slots[i].b = b;
    m->slots[i].c = c;
    m->slots[i].value = value + 1;
    m->count++;
    return 0;
}

/* --- sets of function indices ------------------------------------------------------------ */

struct fset {
    unsigned *v;
    unsigned n, cap;
};

/* Adds X; returns 1 if added, 0 if present, CT_ENOMEM. */
static int fset_add(struct fset *s, unsigned x)
{
    unsigned lo = 0, hi = s->n;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if (s->v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < s->n && s->v[lo] == x)
        return 0;
    if (s->n == s->cap) {
        unsigned ncap = s->cap ? s->cap * 2 : 4;
        unsigned *nv = realloc(s->v, ncap * sizeof(*nv));
        if (!nv)
            return CT_ENOMEM;
        s->v = nv;
        s->cap = ncap;
    }
    memmove(s->v + lo + 1, s->v + lo, (s->n - lo) * sizeof(*s->v));
    s->v[lo] = x;
    s->n++;
    return 1;
}

enum set_space { SP_PARAM = 1, SP_FIELD, SP_GLOBAL, SP_LOCAL };

struct ct_tg_private {
    struct ct_edge_rule *key_edges; /* synthetic edges: a key's value set -> its destructor */
    size_t nkey_edges;
    struct ct_edge_rule *stack_edges; /* synthetic edges: a close runs a pushed cleanup */
    size_t nstack_edges;
    struct ct_edge_rule *loop_edges; /* synthetic edges: a loop run runs a callback registered
                                      * before it in the same function */
    size_t nloop_edges;
    struct ct_edge_rule *other_loop_edges; /* copies of loop-thread edges: on another thread */
    size_t nother_loop_edges;
    struct ct_function **api_fns; /* bodiless nodes for API functions used as values */
    size_t napi_fns;
    struct kmap usr_index;  /* usr -> fn */
    struct kmap over_index; /* usr of an overridden method -> first entry of over_fn */
    unsigned *over_fn;      /* overriding functions, chained per overridden method */
    int *over_next;         /* next entry for the same method, -1 */
    size_t nover, capover, capover_next;
    struct kmap name_index; /* rule call name -> first rule index, per table */
    struct kmap set_index;  /* (space key) -> sets[] */
    struct fset *sets;
    size_t nsets, capsets;
    bool changed;
    bool oom;
};

static struct fset *set_of(struct ct_program *p, enum set_space sp, const void *a, const void *b,
                           bool create)
{
    struct ct_tg_private *pr = p->priv;
    int i = kmap_get(&pr->set_index, a, b, sp);
    if (i >= 0)
        return &pr->sets[i];
    if (!create)
        return NULL;
    if (ct_grow((void **)&pr->sets, &pr->capsets, pr->nsets + 1, sizeof(*pr->sets)) != 0 ||
        kmap_put(&pr->set_index, a, b, sp, (unsigned)pr->nsets) != 0) {
        pr->oom = true;
        return NULL;
    }
    memset(&pr->sets[pr->nsets], 0, sizeof(pr->sets[0]));
    return &pr->sets[pr->nsets++];
}

static const struct fset *set_get(const struct ct_program *p, enum set_space sp, const void *a,
                                  const void *b)
{
    int i = kmap_get(&p->priv->set_index, a, b, sp);
    return i >= 0 ? &p->priv->sets[i] : NULL;
}

static void set_merge(struct ct_program *p, struct fset *dst, const struct fset *src)
{
    if (!dst || !src)
        return;
    for (unsigned i = 0; i < src->n; i++) {
        int r = fset_add(dst, src->v[i]);
        if (r < 0)
            p->priv->oom = true;
        else if (r > 0)
            p->priv->changed = true;
    }
}

static void set_add1(struct ct_program *p, struct fset *dst, unsigned x)
{
    if (!dst)
        return;
    int r = fset_add(dst, x);
    if (r < 0)
        p->priv->oom = true;
    else if (r > 0)
        p->priv->changed = true;
}

/* --- function values --------------------------------------------------------------------- */

static bool path_is_slot(const struct ct_path *path)
{
    /* A variable, possibly indexed (handlers[i]) or read through a pointer or a C++ reference
     * (*job, with job a std::function &): a set holds the functions reachable from a value
     * through its pointers, as an address's flow reads its object's set. */
    for (unsigned i = 0; i < path->nops; i++)
        if (path->ops[i].kind != CT_OP_INDEX && path->ops[i].kind != CT_OP_DEREF)
            return false;
    return true;
}

/* The set that holds the function values stored at PATH in function FN (NULL if untracked). */
static struct fset *slot_set(struct ct_program *p, unsigned fn, const struct ct_path *path,
                             bool create)
{
    const char *rec, *field;
    if (path->nops > 0 && path->ops[path->nops - 1].kind == CT_OP_FIELD &&
        ct_path_last_field(path, &rec, &field))
        return create ? set_of(p, SP_FIELD, rec, field, true)
                      : (struct fset *)set_get(p, SP_FIELD, rec, field);
    if (path->nops > 0 && path->ops[path->nops - 1].kind == CT_OP_INDEX) {
        /* arr[i] of a struct field array: look through the index */
        unsigned n = path->nops;
        while (n > 0 && path->ops[n - 1].kind == CT_OP_INDEX)
            n--;
        if (n > 0 && path->ops[n - 1].kind == CT_OP_FIELD) {
            rec = path->ops[n - 1].record;
            field = path->ops[n - 1].field;
            return create ? set_of(p, SP_FIELD, rec, field, true)
                          : (struct fset *)set_get(p, SP_FIELD, rec, field);
        }
    }
    if (!path_is_slot(path))
        return NULL;
    switch (path->base) {
    case CT_BASE_GLOBAL:
        return create ? set_of(p, SP_GLOBAL, path->key, NULL, true)
                      : (struct fset *)set_get(p, SP_GLOBAL, path->key, NULL);
    case CT_BASE_PARAM:
        if (path->nops > 1 || (path->nops == 1 && path->ops[0].kind != CT_OP_DEREF))
            return NULL;
        return create ? set_of(p, SP_PARAM, &p->fns[fn], (void *)(uintptr_t)(path->index + 1), true)
                      : (struct fset *)set_get(p, SP_PARAM, &p->fns[fn],
                                               (void *)(uintptr_t)(path->index + 1));
    case CT_BASE_LOCAL: {
        /* a closure's locals are its frame's: [task] { (*task)(); } reads enqueue's task */
        const char *frame = p->fns[fn].f->closure_of;
        int w = frame ? ct_program_find(p, frame) : -1;
        unsigned at = w >= 0 ? (unsigned)w : fn;
        return create ? set_of(p, SP_LOCAL, &p->fns[at], path->key, true)
                      : (struct fset *)set_get(p, SP_LOCAL, &p->fns[at], path->key);
    }
    default:
        return NULL;
    }
}

static struct fset *param_set(struct ct_program *p, unsigned fn, unsigned k)
{
    return set_of(p, SP_PARAM, &p->fns[fn], (void *)(uintptr_t)(k + 1), true);
}

unsigned ct_program_resolve(const struct ct_program *p, unsigned fn, const struct ct_value *v,
                            unsigned *out, unsigned max)
{
    const struct fset *s = NULL;
    if (v->kind == CT_VAL_FUNC) {
        int i = ct_program_find(p, v->func);
        if (i < 0)
            return 0;
        if (max > 0)
            out[0] = (unsigned)i;
        return 1;
    }
    if (v->kind == CT_VAL_LOAD || v->kind == CT_VAL_ADDR)
        s = slot_set((struct ct_program *)p, fn, &v->path, false);
    if (!s)
        return 0;
    for (unsigned i = 0; i < s->n && i < max; i++)
        out[i] = s->v[i];
    return s->n;
}

unsigned ct_program_resolve_known(const struct ct_program *p, unsigned fn,
                                  const struct ct_value *v, unsigned *out, unsigned max,
                                  bool *known)
{
    unsigned n = ct_program_resolve(p, fn, v, out, max);
    const char *rec, *field;
    *known = n > 0 || v->kind == CT_VAL_FUNC;
    if (!*known && (v->kind == CT_VAL_LOAD || v->kind == CT_VAL_ADDR) && v->path.nops > 0 &&
        v->path.ops[v->path.nops - 1].kind == CT_OP_FIELD)
        *known = ct_path_last_field(&v->path, &rec, &field); /* no function stored there */
    return n;
}

/* Flows the function values of V (read in FN) into DST. */
static void flow_value(struct ct_program *p, unsigned fn, const struct ct_value *v,
                       struct fset *dst)
{
    if (!dst)
        return;
    if (v->kind == CT_VAL_FUNC) {
        int i = ct_program_find(p, v->func);
        if (i >= 0)
            set_add1(p, dst, (unsigned)i);
        return;
    }
    if (v->kind == CT_VAL_LOAD || v->kind == CT_VAL_ADDR) {
        struct fset *src = slot_set(p, fn, &v->path, false);
        if (src && src != dst) {
            /* copy first: merging may move the sets array */
            struct fset tmp = {0};
            for (unsigned i = 0; i < src->n; i++)
                if (fset_add(&tmp, src->v[i]) < 0)
                    p->priv->oom = true;
            set_merge(p, dst, &tmp);
            free(tmp.v);
        }
    }
}

/* --- building ---------------------------------------------------------------------------- */

bool ct_program_is_main(const struct ct_program *p, unsigned fn)
{
    const struct ct_function *f = p->fns[fn].f;
    return f->is_definition && f->linkage == CT_LINK_EXTERNAL && strcmp(f->name, "main") == 0;
}

int ct_program_find(const struct ct_program *p, const char *usr)
{
    return usr ? kmap_get(&p->priv->usr_index, usr, NULL, 0) : -1;
}

/* Which call names the rules know, so that a call site costs one look-up: (name, 1) -> first
 * edge, (name, 2) -> terminator, (name, 3) -> present in some scope's enter or exit. */
static int index_rule_names(struct ct_program *p)
{
    const struct ct_rules *r = p->rules;
    struct kmap *m = &p->priv->name_index;
    for (size_t i = 0; i < r->nedges; i++)
        if (kmap_get(m, r->edges[i].call, NULL, 1) < 0 &&
            kmap_put(m, r->edges[i].call, NULL, 1, (unsigned)i) != 0)
            return CT_ENOMEM;
    for (size_t i = 0; i < r->nterminators; i++)
        if (kmap_get(m, r->terminators[i].call, NULL, 2) < 0 &&
            kmap_put(m, r->terminators[i].call, NULL, 2, (unsigned)i) != 0)
            return CT_ENOMEM;
    for (size_t k = 0; k < r->nscopes; k++) {
        for (size_t e = 0; e < r->scopes[k].nenter; e++)
            if (kmap_put(m, r->scopes[k].enter[e].call, NULL, 3, 0) != 0)
                return CT_ENOMEM;
        for (size_t e = 0; e < r->scopes[k].nexit; e++)
            if (kmap_put(m, r->scopes[k].exit[e].call, NULL, 3, 0) != 0)
                return CT_ENOMEM;
    }
    return 0;
}

static const struct ct_edge_rule *find_edge(const struct ct_program *p, const char *name)
{
    int i = name ? kmap_get(&p->priv->name_index, name, NULL, 1) : -1;
    return i >= 0 ? &p->rules->edges[i] : NULL;
}

/* The edge rule after E for the same call, or NULL: a call may hand over several functions. */
static const struct ct_edge_rule *next_edge(const struct ct_program *p,
                                            const struct ct_edge_rule *e)
{
    uintptr_t base = (uintptr_t)p->rules->edges, at = (uintptr_t)e;
    const struct ct_edge_rule *end = p->rules->edges + p->rules->nedges;
    if (at < base || at >= (uintptr_t)end)
        return NULL; /* a synthetic edge (a key's setter) stands alone */
    for (const struct ct_edge_rule *n = e + 1; n < end; n++)
        if (n->call == e->call)
            return n;
    return NULL;
}

static const struct ct_terminator *find_terminator(const struct ct_program *p, const char *name)
{
    int i = name ? kmap_get(&p->priv->name_index, name, NULL, 2) : -1;
    return i >= 0 ? &p->rules->terminators[i] : NULL;
}

/* Whether NAME enters or exits some scope of the rules. */
static bool is_scope_call(const struct ct_program *p, const char *name)
{
    return name && kmap_get(&p->priv->name_index, name, NULL, 3) >= 0;
}

static bool arg_text_is(const struct ct_call *c, int index, const char *text)
{
    if (index < 0 || (unsigned)index >= c->nargs || !c->args[index].text)
        return false;
    return strcmp(c->args[index].text, text) == 0;
}

static bool scope_call_matches(const struct ct_scope_call *sc, const struct ct_call *c,
                               const char *name)
{
    if (sc->call != name)
        return false;
    if (sc->result == CT_USE_USED && !c->result_used)
        return false;
    if (sc->result == CT_USE_UNUSED && c->result_used)
        return false;
    if (sc->arg_equals_index >= 0 && !arg_text_is(c, sc->arg_equals_index, sc->arg_equals))
        return false;
    if (sc->arg_not_equals_index >= 0 && arg_text_is(c, sc->arg_not_equals_index,
                                                     sc->arg_not_equals))
        return false;
    if (sc->resource == CT_RES_ARG && (sc->arg < 0 || (unsigned)sc->arg >= c->nargs))
        return false;
    return true;
}

/* Whether edge rule E counts at call C: not when C spells the argument its arg_not_equals names
 * so (pthread_kill(pthread_self(), sig) signals the calling thread itself). */
static bool edge_applies(const struct ct_edge_rule *e, const struct ct_call *c)
{
    return e->arg_not_equals_index < 0 ||
           !arg_text_is(c, e->arg_not_equals_index, e->arg_not_equals);
}

/* The first edge rule for NAME that counts at call C, or NULL. */
static const struct ct_edge_rule *find_edge_for(const struct ct_program *p, const char *name,
                                                const struct ct_call *c)
{
    const struct ct_edge_rule *e = find_edge(p, name);
    while (e && !edge_applies(e, c))
        e = next_edge(p, e);
    return e;
}

static int add_event(struct ct_program *p, struct ct_site *s, const struct ct_scope *scope,
                     const struct ct_scope_call *sc, bool enter)
{
    struct ct_site_event *ev = realloc(s->events, (s->nevents + 1) * sizeof(*ev));
    (void)p;
    if (!ev)
        return CT_ENOMEM;
    s->events = ev;
    ev[s->nevents].scope = scope;
    ev[s->nevents].sc = sc;
    ev[s->nevents].enter = enter;
    s->nevents++;
    return 0;
}

/* Synthetic scope calls for annotated functions, one per (argument, condition):
 * crosstask::enter:KIND[:argN][:when-nonzero|:when-zero] / crosstask::exit:KIND[:argN], with
 * the resource the object argument N (default 0) points to. */
#define ANN_ARGS 8
#define ANN(a, w) {NULL, CT_RES_ARG, a, CT_MODE_POINTEE, w, CT_USE_ANY, -1, NULL, -1, NULL, -1, -1, 0, false}
#define ANN3(a) {ANN(a, CT_WHEN_ALWAYS), ANN(a, CT_WHEN_RETURNS_ZERO), \
                 ANN(a, CT_WHEN_RETURNS_NONZERO)}
static const struct ct_scope_call annotated_calls[ANN_ARGS][3] = {
    ANN3(0), ANN3(1), ANN3(2), ANN3(3), ANN3(4), ANN3(5), ANN3(6), ANN3(7)};

static const struct ct_scope_call *annotated_call(int arg, enum ct_when when)
{
    return &annotated_calls[arg][when];
}

static int classify_annotations(struct ct_program *p, struct ct_site *s, const struct ct_function *callee)
{
    for (unsigned i = 0; callee && i < callee->nannotations; i++) {
        const char *t = callee->annotations[i].text;
        bool enter;
        if (strncmp(t, "crosstask::enter:", 17) == 0)
            enter = true;
        else if (strncmp(t, "crosstask::exit:", 16) == 0)
            enter = false;
        else
            continue;
        const char *kind = t + (enter ? 17 : 16);
        const char *colon = strchr(kind, ':');
        char buf[128];
        int arg = 0;
        enum ct_when when = CT_WHEN_ALWAYS;
        if (colon) {
            size_t n = (size_t)(colon - kind) < sizeof(buf) - 1 ? (size_t)(colon - kind)
                                                                 : sizeof(buf) - 1;
            memcpy(buf, kind, n);
            buf[n] = '\0';
            for (const char *o = colon; o && *o == ':'; o = strchr(o + 1, ':')) {
                if (strncmp(o, ":arg", 4) == 0 && o[4] >= '0' && o[4] <= '9')
                    arg = atoi(o + 4);
                else if (strncmp(o, ":when-nonzero", 13) == 0 && enter)
                    when = CT_WHEN_RETURNS_NONZERO;
                else if (strncmp(o, ":when-zero", 10) == 0 && enter)
                    when = CT_WHEN_RETURNS_ZERO;
            }
            kind = buf;
        }
        if (arg < 0 || arg >= ANN_ARGS)
            continue;
        const struct ct_scope *scope = ct_rules_find_scope(p->rules, ct_intern(kind));
        if (scope && add_event(p, s, scope, annotated_call(arg, when), enter) != 0)
            return CT_ENOMEM;
    }
    return 0;
}

/* Adds to S the scope enters and exits a call C of the function NAME performs. */
static int classify_scopes(struct ct_program *p, struct ct_site *s, const struct ct_call *c,
                           const char *name)
{
    const struct ct_rules *r = p->rules;
    if (!is_scope_call(p, name))
        return 0;
    for (size_t k = 0; k < r->nscopes; k++) {
        const struct ct_scope *scope = &r->scopes[k];
        for (size_t e = 0; e < scope->nenter; e++)
            if (scope_call_matches(&scope->enter[e], c, name) &&
                add_event(p, s, scope, &scope->enter[e], true) != 0)
                return CT_ENOMEM;
        for (size_t e = 0; e < scope->nexit; e++)
            if (scope_call_matches(&scope->exit[e], c, name) &&
                add_event(p, s, scope, &scope->exit[e], false) != 0)
                return CT_ENOMEM;
    }
    return 0;
}



static int classify(struct ct_program *p, unsigned fn, const struct ct_function **annotated_decls,
                    struct kmap *decl_index)
{
    const struct ct_function *f = p->fns[fn].f;
    p->fns[fn].sites = calloc(f->ncalls ? f->ncalls : 1, sizeof(struct ct_site));
    if (!p->fns[fn].sites)
        return CT_ENOMEM;
    for (unsigned ci = 0; ci < f->ncalls; ci++) {
        const struct ct_call *c = &f->calls[ci];
        struct ct_site *s = &p->fns[fn].sites[ci];
        if (!c->callee_name)
            continue;
        if (classify_scopes(p, s, c, c->callee_name) != 0)
            return CT_ENOMEM;
        if (s->nevents == 0) {
            int d = ct_program_find(p, c->callee_usr);
            const struct ct_function *callee = d >= 0 ? p->fns[d].f : NULL;
            if (!callee || callee->nannotations == 0) {
                int a = kmap_get(decl_index, c->callee_usr, NULL, 0);
                callee = a >= 0 ? annotated_decls[a] : callee;
            }
            if (classify_annotations(p, s, callee) != 0)
                return CT_ENOMEM;
        }
        s->edge = find_edge_for(p, c->callee_name, c);
        s->term = find_terminator(p, c->callee_name);
        /* A method of a class the packs do not name (a factory's result, a class of another
         * library) answers to the packs' entries for any receiver: X.m also matches `.m`. Not
         * when X.m is a method the program defines: its body says what it does. */
        const char *dot = strrchr(c->callee_name, '.');
        if (s->nevents == 0 && !s->edge && !s->term && dot && dot != c->callee_name &&
            dot[1] && ct_program_find(p, c->callee_usr) < 0) {
            const char *any = ct_intern(dot);
            if (!any)
                return CT_ENOMEM;
            if (classify_scopes(p, s, c, any) != 0)
                return CT_ENOMEM;
            s->edge = find_edge_for(p, any, c);
        }
    }
    return 0;
}

/* Whether A and B are the same base and the same ops, fields compared by name only (a pack
 * knows neither the records nor which fields sit at offset 0). */
static bool same_field_path(const struct ct_path *a, const struct ct_path *b)
{
    if (a->base != b->base || a->nops != b->nops || a->truncated || b->truncated ||
        (a->base == CT_BASE_PARAM && a->index != b->index) ||
        ((a->base == CT_BASE_GLOBAL || a->base == CT_BASE_LOCAL) && a->key != b->key))
        return false;
    for (unsigned i = 0; i < a->nops; i++)
        if (a->ops[i].kind != b->ops[i].kind ||
            (a->ops[i].kind == CT_OP_FIELD && a->ops[i].field != b->ops[i].field))
            return false;
    return true;
}

/* The functions an edge's function value V may be, read in FN: through the flow sets, and for a
 * struct field a pack names without its record (sa.__sigaction_handler.sa_handler), through
 * the stores FN itself makes to that field. */
static unsigned resolve_edge_function(struct ct_program *p, unsigned fn, const struct ct_value *v,
                                      unsigned *out, unsigned max)
{
    unsigned n = ct_program_resolve(p, fn, v, out, max);
    if (n > 0 || v->kind != CT_VAL_LOAD || v->path.nops == 0 ||
        v->path.ops[v->path.nops - 1].kind != CT_OP_FIELD)
        return n;
    const struct ct_function *f = p->fns[fn].f;
    for (unsigned i = 0; i < f->ninsns && n < max; i++) {
        const struct ct_insn *in = &f->insns[i];
        if (in->kind != CT_I_STORE || !same_field_path(&in->dst, &v->path))
            continue;
        unsigned got = ct_program_resolve(p, fn, &in->src, out + n, max - n);
        n += got < max - n ? got : max - n;
    }
    return n;
}

static void flow_pass(struct ct_program *p, const struct ct_tu_facts *const *tus, size_t ntus)
{
    for (size_t t = 0; t < ntus; t++) {
        for (size_t i = 0; i < tus[t]->ninit_stores; i++) {
            const struct ct_insn *in = &tus[t]->init_stores[i];
            flow_value(p, 0, &in->src, slot_set(p, 0, &in->dst, true));
        }
    }
    for (size_t fn = 0; fn < p->nfns && !p->priv->oom; fn++) {
        const struct ct_function *f = p->fns[fn].f;
        for (unsigned i = 0; i < f->ninsns; i++) {
            const struct ct_insn *in = &f->insns[i];
            if (in->kind == CT_I_STORE) {
                if (in->src.kind == CT_VAL_FUNC || in->src.kind == CT_VAL_LOAD ||
                    in->src.kind == CT_VAL_ADDR)
                    flow_value(p, (unsigned)fn, &in->src, slot_set(p, (unsigned)fn, &in->dst, true));
                continue;
            }
            if (in->kind != CT_I_CALL)
                continue;
            const struct ct_call *c = &f->calls[in->call];
            const struct ct_site *s = &p->fns[fn].sites[in->call];
            unsigned targets[64];
            unsigned nt = 0;
            if (c->callee_usr) {
                int d = ct_program_find(p, c->callee_usr);
                if (d >= 0)
                    targets[nt++] = (unsigned)d;
            } else {
                nt = ct_program_resolve(p, (unsigned)fn, &c->callee_value, targets, 64);
                if (nt > 64)
                    nt = 64;
            }
            for (unsigned k = 0; k < nt; k++)
                for (unsigned a = 0; a < c->nargs && a < p->fns[targets[k]].f->nparams; a++)
                    if (p->fns[targets[k]].f->params[a].is_func_ptr ||
                        c->args[a].kind == CT_VAL_FUNC)
                        flow_value(p, (unsigned)fn, &c->args[a], param_set(p, targets[k], a));
            for (const struct ct_edge_rule *e = s->edge; e; e = next_edge(p, e)) {
                struct ct_value fval, aval;
                if (!ct_edge_function_value(e, c, f, &fval))
                    continue;
                bool has_arg = ct_edge_argument_value(e, c, f, &aval);
                struct ct_value data;
                bool bound = ct_value_bound_data(&fval, &data);
                if (!bound && !has_arg)
                    continue;
                nt = resolve_edge_function(p, (unsigned)fn, &fval, targets, 64);
                if (nt > 64)
                    nt = 64;
                for (unsigned k = 0; k < nt; k++) {
                    unsigned np = p->fns[targets[k]].f->nparams;
                    if (bound) {
                        /* the bound data first, then the edge's argument */
                        if (np > 0)
                            flow_value(p, (unsigned)fn, &data, param_set(p, targets[k], 0));
                        if (has_arg && np > 1)
                            flow_value(p, (unsigned)fn, &aval, param_set(p, targets[k], 1));
                    } else if (np > (unsigned)e->parameter) {
                        flow_value(p, (unsigned)fn, &aval,
                                   param_set(p, targets[k], (unsigned)e->parameter));
                    }
                }
            }
        }
    }
}

/* Indexes the overriders of each overridden method (C++ virtual methods). */
static int index_overrides(struct ct_program *p)
{
    struct ct_tg_private *pr = p->priv;
    for (size_t i = 0; i < p->nfns; i++) {
        const struct ct_function *f = p->fns[i].f;
        for (unsigned k = 0; k < f->noverrides; k++) {
            if (!f->overrides[k])
                continue;
            if (ct_grow((void **)&pr->over_fn, &pr->capover, pr->nover + 1,
                        sizeof(*pr->over_fn)) != 0 ||
                ct_grow((void **)&pr->over_next, &pr->capover_next, pr->nover + 1,
                        sizeof(*pr->over_next)) != 0)
                return CT_ENOMEM;
            int head = kmap_get(&pr->over_index, f->overrides[k], NULL, 0);
            pr->over_fn[pr->nover] = (unsigned)i;
            if (head >= 0) {
                /* chained after the first entry of the method */
                pr->over_next[pr->nover] = pr->over_next[head];
                pr->over_next[head] = (int)pr->nover;
            } else {
                pr->over_next[pr->nover] = -1;
                if (kmap_put(&pr->over_index, f->overrides[k], NULL, 0, (unsigned)pr->nover) != 0)
                    return CT_ENOMEM;
            }
            pr->nover++;
        }
    }
    return 0;
}

/* Appends to TARGETS (*NT used, MAX room) every function overriding USR, transitively. */
static void add_overriders(const struct ct_program *p, const char *usr, unsigned *targets,
                           unsigned *nt, unsigned max)
{
    const struct ct_tg_private *pr = p->priv;
    const char *queue[64];
    unsigned nq = 0, qi = 0;
    if (!pr->nover)
        return;
    queue[nq++] = usr;
    while (qi < nq && *nt < max) {
        int e = kmap_get(&pr->over_index, queue[qi++], NULL, 0);
        for (; e >= 0 && *nt < max; e = pr->over_next[e]) {
            unsigned fn = pr->over_fn[e];
            bool seen = false;
            for (unsigned k = 0; k < *nt && !seen; k++)
                seen = targets[k] == fn;
            if (seen)
                continue;
            targets[(*nt)++] = fn;
            if (nq < 64)
                queue[nq++] = p->fns[fn].f->usr;
        }
    }
}

/* Fills site targets: defined callees, resolved function pointers, edge targets. */
static int resolve_sites(struct ct_program *p)
{
    for (size_t fn = 0; fn < p->nfns; fn++) {
        const struct ct_function *f = p->fns[fn].f;
        for (unsigned ci = 0; ci < f->ncalls; ci++) {
            const struct ct_call *c = &f->calls[ci];
            struct ct_site *s = &p->fns[fn].sites[ci];
            unsigned targets[64];
            const struct ct_edge_rule *tedges[64];
            unsigned nt = 0;
            if (s->nevents > 0)
                continue;
            if (!c->callee_usr && !s->edge) {
                /* a pointer to a spawning API itself (sched.spawn = pthread_create) */
                nt = ct_program_resolve(p, (unsigned)fn, &c->callee_value, targets, 64);
                for (unsigned k = 0; k < nt && k < 64 && !s->edge; k++)
                    if (!p->fns[targets[k]].f->is_definition)
                        s->edge = find_edge(p, p->fns[targets[k]].f->name);
                nt = 0;
            }
            if (s->edge) {
                /* every function the call hands over, each with its own edge */
                for (const struct ct_edge_rule *e = s->edge; e && nt < 64; e = next_edge(p, e)) {
                    struct ct_value fval;
                    if (!edge_applies(e, c) || !ct_edge_function_value(e, c, f, &fval))
                        continue;
                    unsigned got = resolve_edge_function(p, (unsigned)fn, &fval,
                                                         targets + nt, 64 - nt);
                    if (got > 64 - nt)
                        got = 64 - nt;
                    for (unsigned k = 0; k < got; k++)
                        tedges[nt + k] = e;
                    nt += got;
                }
            } else if (c->callee_usr) {
                int d = ct_program_find(p, c->callee_usr);
                if (d >= 0)
                    targets[nt++] = (unsigned)d;
                add_overriders(p, c->callee_usr, targets, &nt, 64);
            } else {
                nt = ct_program_resolve(p, (unsigned)fn, &c->callee_value, targets, 64);
            }
            if (nt > 64)
                nt = 64;
            if (!c->callee_usr && !s->edge) {
                /* a pointer to an API function itself (table.unlock = pthread_mutex_unlock) */
                unsigned kept = 0;
                for (unsigned k = 0; k < nt; k++) {
                    const struct ct_function *t = p->fns[targets[k]].f;
                    if (t->is_definition)
                        targets[kept++] = targets[k];
                    else if (classify_scopes(p, s, c, t->name) != 0)
                        return CT_ENOMEM;
                }
                nt = kept;
            }
            if (nt == 0)
                continue;
            s->targets = malloc(nt * sizeof(unsigned));
            if (!s->targets)
                return CT_ENOMEM;
            memcpy(s->targets, targets, nt * sizeof(unsigned));
            s->ntargets = nt;
            if (s->edge) {
                s->tedges = malloc(nt * sizeof(*s->tedges));
                if (!s->tedges)
                    return CT_ENOMEM;
                memcpy(s->tedges, tedges, nt * sizeof(*s->tedges));
            }
            for (unsigned k = 0; k < nt; k++)
                p->fns[targets[k]].ncallers++;
        }
    }
    return 0;
}

/* --- owners (C++ smart pointers): which releases run the owned object's destructor --------- */

/* Whether call C releases the owner at path P of owner type OW: its end of life (an owner
 * release the frontend marked), a release method called on it (reset), or a move out of it. */
static bool releases_owner(const struct ct_program *p, const struct ct_call *c,
                           const struct ct_owner *ow, const struct ct_path *path)
{
    if (c->owner)
        return c->owner == ow->type && c->nargs > 0 && c->args[0].kind == CT_VAL_LOAD &&
               ct_path_equal(&c->args[0].path, path);
    if (c->moves)
        return c->nargs > 1 && c->args[1].kind == CT_VAL_ADDR &&
               ct_path_equal(&c->args[1].path, path);
    return c->callee_name && ct_rules_find_owner_release(p->rules, c->callee_name) == ow &&
           c->nargs > 0 && c->args[0].kind == CT_VAL_ADDR && ct_path_equal(&c->args[0].path, path);
}

/* Whether, in function H after its call CI started a task along edge E, the owner at PATH may be
 * released before the task is joined (a call of one of E's joins on the handle at HANDLE), or H
 * may return without joining it: a walk of H's instructions from the start that stops at
 * joins. */
static bool released_before_join(const struct ct_program *p, const struct ct_function *h,
                                 unsigned ci, const struct ct_edge_rule *e,
                                 const struct ct_path *handle, const struct ct_owner *ow,
                                 const struct ct_path *path)
{
    unsigned start = h->ninsns;
    for (unsigned i = 0; i < h->ninsns; i++)
        if (h->insns[i].kind == CT_I_CALL && h->insns[i].call == (int)ci) {
            start = i;
            break;
        }
    if (start + 1 >= h->ninsns)
        return false;
    unsigned char *seen = calloc(h->ninsns, 1);
    unsigned *stack = malloc(h->ninsns * sizeof(unsigned));
    unsigned n = 0;
    bool released = !seen || !stack; /* out of memory: the quiet answer is "may be the last" */
    if (!released) {
        stack[n++] = start + 1;
        seen[start + 1] = 1;
    }
    while (n > 0 && !released) {
        unsigned i = stack[--n];
        const struct ct_insn *in = &h->insns[i];
        unsigned next[2] = {i + 1, 0};
        const unsigned *succ = next;
        unsigned nsucc = 1;
        if (in->kind == CT_I_CALL) {
            const struct ct_call *c = &h->calls[in->call];
            bool joins = false;
            for (unsigned k = 0; k < e->njoin && !joins; k++)
                joins = c->callee_name == e->join[k] && c->nargs > 0 &&
                        c->args[0].kind == CT_VAL_ADDR && ct_path_equal(&c->args[0].path, handle);
            if (joins)
                continue;
            if (releases_owner(p, c, ow, path)) {
                released = true;
                break;
            }
        } else if (in->kind == CT_I_RETURN) {
            released = true; /* left without joining (detached, handed on): any copy may go */
            break;
        } else if (in->kind == CT_I_JUMP || in->kind == CT_I_BRANCH || in->kind == CT_I_SWITCH) {
            succ = in->targets;
            nsucc = in->ntargets;
        }
        for (unsigned k = 0; k < nsucc; k++)
            if (succ[k] < h->ninsns && !seen[succ[k]]) {
                seen[succ[k]] = 1;
                stack[n++] = succ[k];
            }
    }
    free(seen);
    free(stack);
    return released;
}

/* Whether the release of a shared owner at PATH by function FN may be the last one, so that the
 * owned object's destructor runs there. A closure's copy (a lambda capturing the owner by copy)
 * is not the last when every task the closure is started as is joined, on every path of the
 * function that started it, before that function releases its own copy; anything else may be
 * the last. */
static bool may_be_last(const struct ct_program *p, unsigned fn, const struct ct_owner *ow,
                        const struct ct_path *path)
{
    const struct ct_function *g = p->fns[fn].f;
    bool started = false;
    if (!g->closure_of)
        return true;
    for (size_t hi = 0; hi < p->nfns; hi++) {
        const struct ct_function *h = p->fns[hi].f;
        if (h->usr != g->closure_of && h->closure_of != g->closure_of)
            continue;
        for (unsigned ci = 0; ci < h->ncalls; ci++) {
            const struct ct_site *s = &p->fns[hi].sites[ci];
            const struct ct_call *c = &h->calls[ci];
            for (unsigned k = 0; k < s->ntargets; k++) {
                const struct ct_edge_rule *e = ct_site_edge(s, k);
                if (s->targets[k] != fn || !e || e->runs_on == CT_RUNS_CALLER)
                    continue;
                started = true;
                if (e->njoin == 0 || e->handle < 0 || (unsigned)e->handle >= c->nargs ||
                    c->args[e->handle].kind != CT_VAL_ADDR ||
                    released_before_join(p, h, ci, e, &c->args[e->handle].path, ow, path))
                    return true;
            }
        }
    }
    return !started;
}

/* Whether every path of F from its start to its call CI (an owner's end of life) first
 * releases the owner at PATH by a release method or a move out of it (entry.reset() in a
 * lambda, then the lambda's copy dies owning nothing): a walk that stops at such releases. */
static bool released_before_end(const struct ct_program *p, const struct ct_function *f,
                                unsigned ci, const struct ct_owner *ow, const struct ct_path *path)
{
    bool any = false;
    for (unsigned k = 0; k < f->ncalls && !any; k++)
        any = k != ci && !f->calls[k].owner && releases_owner(p, &f->calls[k], ow, path);
    if (!any || f->ninsns == 0)
        return false;
    unsigned char *seen = calloc(f->ninsns, 1);
    unsigned *stack = malloc(f->ninsns * sizeof(unsigned));
    unsigned n = 0;
    bool reached = !seen || !stack; /* out of memory: the end of life may release */
    if (!reached) {
        stack[n++] = 0;
        seen[0] = 1;
    }
    while (n > 0 && !reached) {
        unsigned i = stack[--n];
        const struct ct_insn *in = &f->insns[i];
        unsigned next[2] = {i + 1, 0};
        const unsigned *succ = next;
        unsigned nsucc = 1;
        if (in->kind == CT_I_CALL) {
            const struct ct_call *c = &f->calls[in->call];
            if (in->call == (int)ci) {
                reached = true;
                break;
            }
            if (!c->owner && releases_owner(p, c, ow, path))
                continue;
        } else if (in->kind == CT_I_RETURN) {
            continue;
        } else if (in->kind == CT_I_JUMP || in->kind == CT_I_BRANCH || in->kind == CT_I_SWITCH) {
            succ = in->targets;
            nsucc = in->ntargets;
        }
        for (unsigned k = 0; k < nsucc; k++)
            if (succ[k] < f->ninsns && !seen[succ[k]]) {
                seen[succ[k]] = 1;
                stack[n++] = succ[k];
            }
    }
    free(seen);
    free(stack);
    return !reached;
}

static void drop_targets(struct ct_program *p, struct ct_site *s)
{
    for (unsigned k = 0; k < s->ntargets; k++)
        p->fns[s->targets[k]].ncallers--;
    free(s->targets);
    free(s->tedges);
    s->targets = NULL;
    s->tedges = NULL;
    s->ntargets = 0;
}

/* Owner releases: the frontend marks the end of each smart-pointer-like object's life as a call
 * of the owned object's destructor. Those of types no pack lists as owners are dropped; a
 * shared owner's release stays only where it may be the last (may_be_last). A release method
 * (reset) called on an owner becomes a call of the destructor the owner's own end of life in
 * the same function names, on the object it owns. */
static int link_owner_releases(struct ct_program *p)
{
    if (p->rules->nowners == 0) {
        for (size_t fn = 0; fn < p->nfns; fn++)
            for (unsigned ci = 0; ci < p->fns[fn].f->ncalls; ci++)
                if (p->fns[fn].f->calls[ci].owner)
                    drop_targets(p, &p->fns[fn].sites[ci]);
        return 0;
    }
    for (size_t fn = 0; fn < p->nfns; fn++) {
        const struct ct_function *f = p->fns[fn].f;
        for (unsigned ci = 0; ci < f->ncalls; ci++) {
            const struct ct_call *c = &f->calls[ci];
            struct ct_site *s = &p->fns[fn].sites[ci];
            const struct ct_owner *ow;
            if (c->owner) {
                ow = ct_rules_find_owner(p->rules, c->owner);
                if (!ow || c->nargs == 0 ||
                    (ow->shared && !may_be_last(p, (unsigned)fn, ow, &c->args[0].path)) ||
                    released_before_end(p, f, ci, ow, &c->args[0].path))
                    drop_targets(p, s);
                continue;
            }
            if (!c->callee_name || s->ntargets || s->nevents || c->nargs == 0 ||
                c->args[0].kind != CT_VAL_ADDR ||
                !(ow = ct_rules_find_owner_release(p->rules, c->callee_name)))
                continue;
            /* reset(): the destructor of what this owner's end of life releases */
            const struct ct_call *end = NULL;
            for (unsigned k = 0; k < f->ncalls && !end; k++)
                if (f->calls[k].owner == ow->type && f->calls[k].nargs > 0 &&
                    f->calls[k].args[0].kind == CT_VAL_LOAD && f->calls[k].callee_usr &&
                    ct_path_equal(&f->calls[k].args[0].path, &c->args[0].path))
                    end = &f->calls[k];
            int d = end ? ct_program_find(p, end->callee_usr) : -1;
            if (d < 0 || (ow->shared && !may_be_last(p, (unsigned)fn, ow, &c->args[0].path)))
                continue;
            s->targets = malloc(sizeof(unsigned));
            s->targs = malloc(sizeof(*s->targs));
            if (!s->targets || !s->targs)
                return CT_ENOMEM;
            s->targets[0] = (unsigned)d;
            s->targs[0] = c->args[0];
            s->targs[0].kind = CT_VAL_LOAD;
            s->targs[0].text = NULL;
            s->ntargets = 1;
            p->fns[d].ncallers++;
        }
    }
    return 0;
}

/* The storage a pointer value V points at: &g_key -> g_key. */
static bool pointee_path(const struct ct_value *v, struct ct_path *out)
{
    if (v->kind == CT_VAL_ADDR) {
        *out = v->path;
        return v->path.base != CT_BASE_NONE;
    }
    return false;
}

/* Whether the key read at a setting call is the registered one: the same storage, or, for
 * keys kept in a struct (app->pool set in one function, read in another), the same field. */
static bool same_key(const struct ct_path *a, const struct ct_path *b)
{
    const char *ra, *fa, *rb, *fb;
    if (ct_path_equal(a, b))
        return true;
    return a->base != CT_BASE_GLOBAL && b->base != CT_BASE_GLOBAL &&
           ct_path_last_field(a, &ra, &fa) && ct_path_last_field(b, &rb, &fb) && fa == fb &&
           (!ra || !rb || ra == rb);
}

/* Thread-specific-data destructors (pthread_key_create(&key, destructor)) run, in the thread
 * that set a value for the key (pthread_setspecific(key, value)), with that value: each setting
 * call becomes a call of the key's destructors with the value as their parameter, in the
 * setting thread. Keys are matched by their access path (a global pthread_key_t, usually). */
static int link_key_destructors(struct ct_program *p)
{
    struct reg {
        struct ct_path key;
        const struct ct_edge_rule *edge;
        const struct ct_site *site;
    } *regs = NULL;
    size_t nregs = 0, cap = 0;
    int rc = 0;

    for (size_t fn = 0; fn < p->nfns && rc == 0; fn++) {
        const struct ct_fn *node = &p->fns[fn];
        for (unsigned ci = 0; ci < node->f->ncalls; ci++) {
            const struct ct_site *s = &node->sites[ci];
            const struct ct_call *c = &node->f->calls[ci];
            struct ct_path key;
            if (!s->edge || !s->edge->set_call || !s->ntargets)
                continue;
            if (s->edge->key == CT_KEY_RETURN) {
                key = c->result_to; /* pool = g_thread_pool_new(...) */
                if (key.base == CT_BASE_NONE)
                    continue;
            } else if (s->edge->key == -1) {
                memset(&key, 0, sizeof(key)); /* no key: every call of set_call runs it */
                key.base = CT_BASE_NONE;
            } else if (s->edge->key < 0 || (unsigned)s->edge->key >= c->nargs ||
                       !pointee_path(&c->args[s->edge->key], &key)) {
                continue;
            }
            if (ct_grow((void **)&regs, &cap, nregs + 1, sizeof(*regs)) != 0) {
                rc = CT_ENOMEM;
                break;
            }
            regs[nregs].key = key;
            regs[nregs].edge = s->edge;
            regs[nregs++].site = s;
        }
    }
    if (nregs == 0 || rc != 0) {
        free(regs);
        return rc;
    }
    /* one synchronous edge rule per registering rule: the destructor runs "now", in the setter */
    p->priv->key_edges = calloc(nregs, sizeof(*p->priv->key_edges));
    if (!p->priv->key_edges) {
        free(regs);
        return CT_ENOMEM;
    }
    for (size_t r = 0; r < nregs; r++) {
        struct ct_edge_rule *e = &p->priv->key_edges[r];
        *e = *regs[r].edge;
        e->call = regs[r].edge->set_call;
        e->function = -1;
        e->argument = regs[r].edge->set_value;
        e->function_keyword = e->argument_keyword = NULL;
        /* a key destructor runs now, in the thread that sets the value; a pool's function
         * runs where the pool runs it, with the value pushed */
        if (regs[r].edge->runs_at == CT_AT_THREAD_EXIT || regs[r].edge->key == -1)
            e->runs_on = CT_RUNS_CALLER; /* pthread_atfork's handlers run inside fork() */
        e->runs_at = CT_AT_ANY;
        e->key = -1;
        e->set_call = NULL;
    }
    p->priv->nkey_edges = nregs;
    for (size_t fn = 0; fn < p->nfns && rc == 0; fn++) {
        struct ct_fn *node = &p->fns[fn];
        for (unsigned ci = 0; ci < node->f->ncalls && rc == 0; ci++) {
            struct ct_site *s = &node->sites[ci];
            const struct ct_call *c = &node->f->calls[ci];
            if (s->edge || s->ntargets || s->nevents || !c->callee_name)
                continue;
            bool keyless = false;
            for (size_t r = 0; r < nregs && rc == 0; r++) {
                const struct ct_edge_rule *e = regs[r].edge;
                if (e->set_call != c->callee_name)
                    continue;
                if (e->key != -1 &&
                    ((unsigned)e->set_key >= c->nargs || c->args[e->set_key].kind != CT_VAL_LOAD ||
                     !same_key(&c->args[e->set_key].path, &regs[r].key)))
                    continue;
                if (e->set_value >= 0 &&
                    ((unsigned)e->set_value >= c->nargs ||
                     (c->args[e->set_value].kind == CT_VAL_CONST &&
                      c->args[e->set_value].const_value == 0))) /* NULL: nothing to destroy */
                    continue;
                keyless |= e->key == -1;
                /* the registration's functions; keyless alternatives each after the others:
                 * prepare, parent, prepare, child */
                const struct ct_site *rs = regs[r].site;
                unsigned nfixed = 0, nalt = 0;
                for (unsigned k = 0; k < rs->ntargets; k++) {
                    const struct ct_edge_rule *ke = ct_site_edge(rs, k);
                    if (e->key == -1 && ke && ke->set_alternative)
                        nalt++;
                    else
                        nfixed++;
                }
                unsigned add = nalt ? nalt * (nfixed + 1) : nfixed;
                unsigned *t = realloc(s->targets, (s->ntargets + add) * sizeof(unsigned));
                if (!t) {
                    rc = CT_ENOMEM;
                    break;
                }
                s->targets = t;
                for (unsigned a = 0; a < (nalt ? nalt : 1); a++) {
                    unsigned seen_alt = 0;
                    for (unsigned k = 0; k < rs->ntargets; k++) {
                        const struct ct_edge_rule *ke = ct_site_edge(rs, k);
                        bool is_alt = e->key == -1 && ke && ke->set_alternative;
                        if (is_alt && seen_alt++ != a)
                            continue;
                        s->targets[s->ntargets++] = rs->targets[k];
                        p->fns[rs->targets[k]].ncallers++;
                    }
                }
                s->edge = &p->priv->key_edges[r];
            }
            if (keyless && rc == 0 && s->ntargets > 0) {
                /* every registration's functions, one after the other in registration order
                 * (pthread_atfork's prepare, then parent and child), not alternatives: an
                 * unknown value each, as an exit stack's cleanups */
                s->targs = calloc(s->ntargets, sizeof(*s->targs));
                if (!s->targs) {
                    rc = CT_ENOMEM;
                    break;
                }
                for (unsigned k = 0; k < s->ntargets; k++)
                    s->targs[k].kind = CT_VAL_UNKNOWN;
            }
        }
    }
    free(regs);
    return rc;
}

/* Whether a close of the stack at path B may close the stack pushed on at path A: the same
 * storage or field (same_key), or a stack held in a plain pointer variable, which may have been
 * handed over through any parameter (apr_pool_t *pool given to a thread): linked by kind. */
static bool same_stack(const struct ct_path *a, const struct ct_path *b)
{
    if (same_key(a, b))
        return true;
    return a->nops == 0 && b->nops == 0 && a->base != CT_BASE_GLOBAL &&
           b->base != CT_BASE_GLOBAL && a->base != CT_BASE_NONE && b->base != CT_BASE_NONE;
}

/* The value that means the same in any function: a global's address or contents; else none. */
static struct ct_value frame_free_value(const struct ct_value *v)
{
    struct ct_value r;
    memset(&r, 0, sizeof(r));
    r.kind = CT_VAL_UNKNOWN;
    if ((v->kind == CT_VAL_ADDR || v->kind == CT_VAL_LOAD) && v->path.base == CT_BASE_GLOBAL)
        r = *v;
    return r;
}

/* An exit stack's close runs, in the closing task, every cleanup pushed on the same stack (the
 * same storage, or the same field of the same struct type: req->pool filled in one function,
 * closed in another), each with the data pushed with it when that data means the same in the
 * closing function (a global). The close becomes a synchronous call of those cleanups. */
/* Whether exit stack SCOPE has only notify pushes ("scope": false): nothing is entered on it. */
static bool notifies_only(const struct ct_scope *scope)
{
    for (size_t i = 0; i < scope->nenter; i++)
        if (!scope->enter[i].unscoped)
            return false;
    return scope->nenter > 0;
}

/* Whether a close of the stack at B runs what was pushed on the stack at A, of SCOPE: a stack of
 * notifies only (a GHashTable's destroy notifies) is matched by its storage or field alone, not
 * by kind through any two plain pointers (every g_hash_table_remove of a local would run every
 * table's notifies). */
static bool closes_stack(const struct ct_scope *scope, const struct ct_path *a,
                         const struct ct_path *b)
{
    return notifies_only(scope) ? same_key(a, b) : same_stack(a, b);
}

static int link_stack_cleanups(struct ct_program *p)
{
    struct reg {
        const struct ct_scope *scope;
        struct ct_path stack;
        unsigned target;
        struct ct_value data;
        int parameter;
    } *regs = NULL;
    size_t nregs = 0, cap = 0;
    int rc = 0;

    for (size_t fn = 0; fn < p->nfns && rc == 0; fn++) {
        const struct ct_fn *node = &p->fns[fn];
        for (unsigned ci = 0; ci < node->f->ncalls && rc == 0; ci++) {
            const struct ct_site *s = &node->sites[ci];
            const struct ct_call *c = &node->f->calls[ci];
            for (unsigned e = 0; e < s->nevents && rc == 0; e++) {
                const struct ct_site_event *ev = &s->events[e];
                const struct ct_scope_call *sc = ev->sc;
                if (!ev->enter || !ev->scope->stack || sc->function < 0 ||
                    (unsigned)sc->function >= c->nargs)
                    continue;
                struct ct_path stack;
                if (sc->resource == CT_RES_RETURN) {
                    stack = c->result_to; /* table = g_hash_table_new_full(...) */
                    if (stack.base == CT_BASE_NONE)
                        continue;
                } else if ((unsigned)sc->arg >= c->nargs ||
                           (c->args[sc->arg].kind != CT_VAL_LOAD &&
                            c->args[sc->arg].kind != CT_VAL_ADDR)) {
                    continue;
                } else {
                    stack = c->args[sc->arg].path;
                }
                unsigned targets[16];
                unsigned nt = ct_program_resolve(p, (unsigned)fn, &c->args[sc->function],
                                                 targets, 16);
                for (unsigned k = 0; k < nt && k < 16; k++) {
                    if (!p->fns[targets[k]].f->is_definition)
                        continue;
                    if (ct_grow((void **)&regs, &cap, nregs + 1, sizeof(*regs)) != 0) {
                        rc = CT_ENOMEM;
                        break;
                    }
                    regs[nregs].scope = ev->scope;
                    regs[nregs].stack = stack;
                    regs[nregs].target = targets[k];
                    if (sc->argument >= 0 && (unsigned)sc->argument < c->nargs)
                        regs[nregs].data = frame_free_value(&c->args[sc->argument]);
                    else
                        regs[nregs].data = frame_free_value(&(struct ct_value){0});
                    regs[nregs++].parameter = sc->parameter;
                }
            }
        }
    }
    if (nregs == 0 || rc != 0) {
        free(regs);
        return rc;
    }
    p->priv->stack_edges = calloc(nregs, sizeof(*p->priv->stack_edges));
    if (!p->priv->stack_edges) {
        free(regs);
        return CT_ENOMEM;
    }
    for (size_t r = 0; r < nregs; r++) {
        struct ct_edge_rule *e = &p->priv->stack_edges[r];
        e->call = regs[r].scope->kind;
        e->pack = regs[r].scope->pack;
        e->summary = regs[r].scope->summary;
        e->kind = CT_EDGE_CALLBACK;
        e->function = -1;
        e->argument = 0; /* the site's targs */
        e->parameter = regs[r].parameter;
        e->runs_on = CT_RUNS_CALLER;
        e->runs_at = CT_AT_ANY;
        e->key = -1;
        e->signal = -1;
        e->thread = -1;
        e->stored_record = e->stored_field = NULL;
        e->arg_not_equals_index = -1;
    }
    p->priv->nstack_edges = nregs;
    for (size_t fn = 0; fn < p->nfns && rc == 0; fn++) {
        struct ct_fn *node = &p->fns[fn];
        for (unsigned ci = 0; ci < node->f->ncalls && rc == 0; ci++) {
            struct ct_site *s = &node->sites[ci];
            const struct ct_call *c = &node->f->calls[ci];
            for (unsigned e = 0; e < s->nevents && rc == 0; e++) {
                const struct ct_site_event *ev = &s->events[e];
                if (ev->enter || !ev->scope->stack || (unsigned)ev->sc->arg >= c->nargs ||
                    s->ntargets)
                    continue;
                const struct ct_value *sv = &c->args[ev->sc->arg];
                if (sv->kind != CT_VAL_LOAD && sv->kind != CT_VAL_ADDR)
                    continue;
                unsigned n = 0;
                for (size_t r = 0; r < nregs; r++)
                    n += regs[r].scope == ev->scope &&
                         closes_stack(ev->scope, &regs[r].stack, &sv->path);
                if (n == 0)
                    continue;
                s->targets = malloc(n * sizeof(*s->targets));
                s->tedges = malloc(n * sizeof(*s->tedges));
                s->targs = malloc(n * sizeof(*s->targs));
                if (!s->targets || !s->tedges || !s->targs) {
                    rc = CT_ENOMEM;
                    break;
                }
                for (size_t r = 0; r < nregs; r++) {
                    if (regs[r].scope != ev->scope ||
                        !closes_stack(ev->scope, &regs[r].stack, &sv->path))
                        continue;
                    s->targets[s->ntargets] = regs[r].target;
                    s->tedges[s->ntargets] = &p->priv->stack_edges[r];
                    s->targs[s->ntargets++] = regs[r].data;
                    p->fns[regs[r].target].ncallers++;
                }
            }
        }
    }
    free(regs);
    /* a close of a stack of notifies exits nothing itself: only the notifies it runs count */
    for (size_t fn = 0; fn < p->nfns && rc == 0; fn++) {
        struct ct_fn *node = &p->fns[fn];
        for (unsigned ci = 0; ci < node->f->ncalls; ci++) {
            struct ct_site *s = &node->sites[ci];
            unsigned j = 0;
            for (unsigned e = 0; e < s->nevents; e++)
                if (s->events[e].enter || !s->events[e].scope->stack ||
                    !notifies_only(s->events[e].scope))
                    s->events[j++] = s->events[e];
            s->nevents = j;
        }
    }
    return rc;
}

/* A loop runner (g_main_loop_run: `loop_runners` in the packs) runs the event loop on the
 * calling thread. A loop-thread callback registered by the same function before the run (GLib's
 * "tell the waiter the loop runs" idiom: an idle source attached to the thread's own context,
 * then the loop run) runs there, on this thread, later, while the run lasts: it becomes an edge
 * of the runner that runs on the same thread (another task, so task-bound scopes still cross),
 * with the data it was registered with, and is no longer an edge of its registration. A runner
 * whose body is analysed (it has callees of its own) is left alone. */
static int link_loop_runs(struct ct_program *p)
{
    struct moved {
        unsigned fn, site, k, run;
    } *mv = NULL;
    size_t nmv = 0, cap = 0;
    int rc = 0;

    if (!p->rules->nloop_runners)
        return 0;
    for (size_t fn = 0; fn < p->nfns && rc == 0; fn++) {
        const struct ct_fn *node = &p->fns[fn];
        const struct ct_function *f = node->f;
        if (!node->sites)
            continue;
        for (unsigned ri = 0; ri < f->ncalls && rc == 0; ri++) {
            const struct ct_site *run = &node->sites[ri];
            if (!ct_rules_is_loop_runner(p->rules, f->calls[ri].callee_name) ||
                (run->ntargets && !run->targs))
                continue;
            for (unsigned ci = 0; ci < ri && rc == 0; ci++) {
                const struct ct_site *s = &node->sites[ci];
                for (unsigned k = 0; k < s->ntargets; k++) {
                    const struct ct_edge_rule *e = ct_site_edge(s, k);
                    if (!e || e->runs_on != CT_RUNS_LOOP_THREAD ||
                        !p->fns[s->targets[k]].f->is_definition)
                        continue;
                    if (ct_grow((void **)&mv, &cap, nmv + 1, sizeof(*mv)) != 0) {
                        rc = CT_ENOMEM;
                        break;
                    }
                    mv[nmv].fn = (unsigned)fn;
                    mv[nmv].site = ci;
                    mv[nmv].k = k;
                    mv[nmv++].run = ri;
                }
            }
        }
    }
    if (nmv == 0 || rc != 0) {
        free(mv);
        return rc;
    }
    p->priv->loop_edges = calloc(nmv, sizeof(*p->priv->loop_edges));
    if (!p->priv->loop_edges) {
        free(mv);
        return CT_ENOMEM;
    }
    p->priv->nloop_edges = nmv;
    /* the runs first: each gets the callbacks, with the registration's data */
    for (size_t m = 0; m < nmv && rc == 0; m++) {
        struct ct_fn *node = &p->fns[mv[m].fn];
        const struct ct_site *s = &node->sites[mv[m].site];
        const struct ct_call *c = &node->f->calls[mv[m].site];
        const struct ct_edge_rule *rule = ct_site_edge(s, mv[m].k);
        struct ct_site *run = &node->sites[mv[m].run];
        struct ct_edge_rule *e = &p->priv->loop_edges[m];
        e->call = rule->call;
        e->pack = rule->pack;
        e->summary = rule->summary;
        e->kind = CT_EDGE_CALLBACK;
        e->function = -1;
        e->argument = 0; /* the site's targs */
        e->parameter = rule->parameter;
        e->runs_on = CT_RUNS_SAME_THREAD_LATER; /* this thread, but another task */
        e->runs_at = CT_AT_ANY;
        e->key = -1;
        e->signal = -1;
        e->thread = -1;
        e->stored_record = e->stored_field = NULL;
        e->arg_not_equals_index = -1;
        unsigned n = run->ntargets + 1;
        unsigned *t = realloc(run->targets, n * sizeof(*t));
        if (t)
            run->targets = t;
        const struct ct_edge_rule **te = t ? realloc(run->tedges, n * sizeof(*te)) : NULL;
        if (te)
            run->tedges = te;
        struct ct_value *ta = te ? realloc(run->targs, n * sizeof(*ta)) : NULL;
        if (ta)
            run->targs = ta;
        if (!t || !te || !ta) {
            rc = CT_ENOMEM;
            break;
        }
        int da = ct_edge_argument_arg(rule, c);
        memset(&ta[n - 1], 0, sizeof(ta[n - 1]));
        ta[n - 1].kind = CT_VAL_UNKNOWN;
        if (da >= 0 && (unsigned)da < c->nargs)
            ta[n - 1] = c->args[da];
        t[n - 1] = s->targets[mv[m].k];
        te[n - 1] = e;
        run->ntargets = n;
        p->fns[t[n - 1]].ncallers++;
    }
    /* then the registrations lose them (targets marked, then squeezed out) */
    for (size_t m = 0; m < nmv && rc == 0; m++) {
        struct ct_site *s = &p->fns[mv[m].fn].sites[mv[m].site];
        if (!s->tedges) {
            s->tedges = malloc(s->ntargets * sizeof(*s->tedges));
            if (!s->tedges) {
                rc = CT_ENOMEM;
                break;
            }
            for (unsigned k = 0; k < s->ntargets; k++)
                s->tedges[k] = s->edge;
        }
        s->targets[mv[m].k] = UINT_MAX;
    }
    for (size_t m = 0; m < nmv && rc == 0; m++) {
        struct ct_site *s = &p->fns[mv[m].fn].sites[mv[m].site];
        unsigned j = 0;
        for (unsigned k = 0; k < s->ntargets; k++) {
            if (s->targets[k] == UINT_MAX)
                continue;
            s->targets[j] = s->targets[k];
            s->tedges[j] = s->tedges[k];
            if (s->targs)
                s->targs[j] = s->targs[k];
            if (s->tthreads)
                s->tthreads[j] = s->tthreads[k];
            j++;
        }
        s->ntargets = j;
    }
    free(mv);
    return rc;
}

/* Handlers registered to run at process exit are called by every terminator that runs them
 * (exit) and, in the analysis, when main returns. */
static int link_exit_handlers(struct ct_program *p)
{
    struct fset handlers = {0};
    for (size_t fn = 0; fn < p->nfns; fn++) {
        const struct ct_fn *node = &p->fns[fn];
        for (unsigned ci = 0; ci < node->f->ncalls; ci++) {
            const struct ct_site *s = &node->sites[ci];
            for (unsigned k = 0; k < s->ntargets; k++)
                if (ct_site_edge(s, k) && ct_site_edge(s, k)->runs_at == CT_AT_PROCESS_EXIT &&
                    fset_add(&handlers, s->targets[k]) < 0) {
                    free(handlers.v);
                    return CT_ENOMEM;
                }
        }
    }
    p->exit_handlers = handlers.v;
    p->nexit_handlers = handlers.n;
    if (handlers.n == 0)
        return 0;
    for (size_t fn = 0; fn < p->nfns; fn++) {
        struct ct_fn *node = &p->fns[fn];
        for (unsigned ci = 0; ci < node->f->ncalls; ci++) {
            struct ct_site *s = &node->sites[ci];
            if (!s->term || !s->term->runs_exit_handlers || s->ntargets)
                continue;
            s->targets = malloc(handlers.n * sizeof(unsigned));
            if (!s->targets)
                return CT_ENOMEM;
            memcpy(s->targets, handlers.v, handlers.n * sizeof(unsigned));
            s->ntargets = (unsigned)handlers.n;
            for (unsigned k = 0; k < s->ntargets; k++)
                p->fns[s->targets[k]].ncallers++;
        }
    }
    return 0;
}

/* Whether a handler installed for signal INSTALLED runs for signal SENT: the same constant, or
 * either one not a constant (a variable: it may be any signal). */
static bool same_signal(const struct ct_value *installed, const struct ct_value *sent)
{
    if (!installed || !sent || installed->kind != CT_VAL_CONST || sent->kind != CT_VAL_CONST)
        return true;
    return installed->const_value == sent->const_value;
}

/* The start routine of the thread V names (a thread id read in function FN: pthread_kill(tid,
 * ...)), when exactly one spawn stored it: a spawn in FN, or anywhere for a global, whose thread
 * argument is the address of the same variable or field. NULL when unknown. */
static const char *thread_started_as(const struct ct_program *p, unsigned fn,
                                     const struct ct_value *v)
{
    const char *found = NULL;
    if (v->kind != CT_VAL_LOAD || v->path.base == CT_BASE_NONE || v->path.truncated)
        return NULL;
    bool global = v->path.base == CT_BASE_GLOBAL;
    for (size_t g = global ? 0 : fn; g < (global ? p->nfns : (size_t)fn + 1); g++) {
        const struct ct_fn *node = &p->fns[g];
        for (unsigned ci = 0; ci < node->f->ncalls; ci++) {
            const struct ct_site *s = &node->sites[ci];
            const struct ct_call *c = &node->f->calls[ci];
            for (unsigned k = 0; k < s->ntargets; k++) {
                const struct ct_edge_rule *e = ct_site_edge(s, k);
                if (!e || e->thread < 0 || (unsigned)e->thread >= c->nargs ||
                    c->args[e->thread].kind != CT_VAL_ADDR ||
                    !ct_path_equal(&c->args[e->thread].path, &v->path))
                    continue;
                const char *name = p->fns[s->targets[k]].f->name;
                if (found && found != name)
                    return NULL; /* several threads stored there: which one is not known */
                found = name;
            }
        }
    }
    return found;
}

/* A call that delivers a signal to a chosen thread (an edge with `signal` and no function:
 * pthread_kill, pthread_sigqueue) runs the handlers installed for that signal (edges that run
 * on CT_RUNS_SIGNAL: signal, sigaction), in that thread: each becomes a target of the call,
 * handed over by the delivering edge. */
static int link_signal_deliveries(struct ct_program *p)
{
    struct handler {
        unsigned fn;
        const struct ct_value *sig; /* the signal it is installed for, NULL: unknown */
    } *hs = NULL;
    size_t nhs = 0, caphs = 0;
    int rc = 0;
    for (size_t fn = 0; fn < p->nfns && rc == 0; fn++) {
        const struct ct_fn *node = &p->fns[fn];
        for (unsigned ci = 0; ci < node->f->ncalls && rc == 0; ci++) {
            const struct ct_site *s = &node->sites[ci];
            const struct ct_call *c = &node->f->calls[ci];
            for (unsigned k = 0; k < s->ntargets; k++) {
                const struct ct_edge_rule *e = ct_site_edge(s, k);
                if (!e || e->runs_on != CT_RUNS_SIGNAL)
                    continue;
                struct handler *h = CT_PUSH(hs, nhs, caphs);
                if (!h) {
                    rc = CT_ENOMEM;
                    break;
                }
                h->fn = s->targets[k];
                h->sig = e->signal >= 0 && (unsigned)e->signal < c->nargs ? &c->args[e->signal]
                                                                          : NULL;
            }
        }
    }
    for (size_t fn = 0; fn < p->nfns && rc == 0 && nhs > 0; fn++) {
        struct ct_fn *node = &p->fns[fn];
        for (unsigned ci = 0; ci < node->f->ncalls && rc == 0; ci++) {
            struct ct_site *s = &node->sites[ci];
            const struct ct_call *c = &node->f->calls[ci];
            const struct ct_edge_rule *e = s->edge;
            if (!e || e->function >= 0 || e->signal < 0 || s->ntargets)
                continue;
            const struct ct_value *sent =
                (unsigned)e->signal < c->nargs ? &c->args[e->signal] : NULL;
            unsigned n = 0;
            for (size_t h = 0; h < nhs; h++)
                if (same_signal(hs[h].sig, sent))
                    n++;
            if (n == 0)
                continue;
            if (n > 64)
                n = 64; /* bounded like every other site's targets */
            s->targets = malloc(n * sizeof(*s->targets));
            s->tedges = malloc(n * sizeof(*s->tedges));
            if (!s->targets || !s->tedges) {
                rc = CT_ENOMEM;
                break;
            }
            for (size_t h = 0; h < nhs && s->ntargets < n; h++) {
                if (!same_signal(hs[h].sig, sent))
                    continue;
                bool dup = false;
                for (unsigned k = 0; k < s->ntargets && !dup; k++)
                    dup = s->targets[k] == hs[h].fn;
                if (dup)
                    continue;
                s->targets[s->ntargets] = hs[h].fn;
                s->tedges[s->ntargets++] = e;
                p->fns[hs[h].fn].ncallers++;
            }
            const char *thread = e->thread >= 0 && (unsigned)e->thread < c->nargs
                                     ? thread_started_as(p, (unsigned)fn, &c->args[e->thread])
                                     : NULL;
            if (thread) {
                s->tthreads = malloc(s->ntargets * sizeof(*s->tthreads));
                if (!s->tthreads) {
                    rc = CT_ENOMEM;
                    break;
                }
                for (unsigned k = 0; k < s->ntargets; k++)
                    s->tthreads[k] = thread;
            }
        }
    }
    free(hs);
    return rc;
}

/* Whether RECORD, as the frontend spells a field's struct ("struct _GObjectClass"), is the
 * struct a pack names (WANT: "_GObjectClass"). */
static bool record_is(const char *record, const char *want)
{
    if (!record || !want)
        return false;
    if (strncmp(record, "struct ", 7) == 0)
        record += 7;
    return strcmp(record, want) == 0;
}

/* Which functions may exit a scope they did not enter, themselves or through what they call:
 * EXITS[fn]. A function's own exit counts when the function has no enter of that scope kind (a
 * finalize that locks and unlocks its own mutex does not count); a callee's when the function
 * calls one that counts. A bounded fixpoint (a deeper chain than the bound is not seen: the
 * answer is then quieter). */
static bool *functions_that_exit(const struct ct_program *p)
{
    bool *exits = calloc(p->nfns ? p->nfns : 1, sizeof(*exits));
    if (!exits)
        return NULL;
    for (size_t fn = 0; fn < p->nfns; fn++) {
        const struct ct_fn *node = &p->fns[fn];
        for (unsigned ci = 0; ci < node->f->ncalls && !exits[fn]; ci++) {
            const struct ct_site *s = &node->sites[ci];
            for (unsigned e = 0; e < s->nevents && !exits[fn]; e++) {
                if (s->events[e].enter)
                    continue;
                bool entered = false;
                for (unsigned cj = 0; cj < node->f->ncalls && !entered; cj++)
                    for (unsigned ej = 0; ej < node->sites[cj].nevents && !entered; ej++)
                        entered = node->sites[cj].events[ej].enter &&
                                  node->sites[cj].events[ej].scope == s->events[e].scope;
                exits[fn] = !entered;
            }
        }
    }
    for (int round = 0; round < 32; round++) {
        bool changed = false;
        for (size_t fn = 0; fn < p->nfns; fn++) {
            const struct ct_fn *node = &p->fns[fn];
            bool x = exits[fn];
            for (unsigned ci = 0; ci < node->f->ncalls && !x; ci++) {
                const struct ct_site *s = &node->sites[ci];
                for (unsigned k = 0; k < s->ntargets && !x; k++)
                    x = exits[s->targets[k]];
            }
            if (x && !exits[fn])
                exits[fn] = changed = true;
        }
        if (!changed)
            break;
    }
    return exits;
}

/* A call whose edge hands over a class's virtual function (function_stored: g_object_unref runs
 * the class's finalize and dispose when it drops the last reference) reaches every function the
 * program stores in that field that may exit a scope (one that only frees memory cannot cause a
 * finding, and would only make every unref a call of every class's finalizer). Bounded to 64
 * targets per call like any other. */
/* Whether call C of F drops, through caller-run destructor edge E (g_object_unref), a reference
 * F took itself: its argument is a local that F only ever sets to a new reference
 * (`client = g_object_ref(data)`, `returns_argument` with `reference`), so the caller's own
 * reference outlives it and it is not the last. */
static bool drops_own_reference(const struct ct_program *p, const struct ct_function *f,
                                const struct ct_call *c, const struct ct_edge_rule *e)
{
    if (e->runs_on != CT_RUNS_CALLER || e->argument < 0 || (unsigned)e->argument >= c->nargs)
        return false;
    const struct ct_value *a = &c->args[e->argument];
    if (a->kind != CT_VAL_LOAD || a->path.base != CT_BASE_LOCAL || a->path.nops != 0)
        return false;
    unsigned nref = 0;
    for (unsigned i = 0; i < f->ninsns; i++) {
        const struct ct_insn *in = &f->insns[i];
        if (in->kind != CT_I_STORE || !ct_path_equal(&in->dst, &a->path))
            continue;
        if (in->src.kind != CT_VAL_RESULT || in->src.call < 0 ||
            (unsigned)in->src.call >= f->ncalls ||
            !ct_rules_returns_reference(p->rules, f->calls[in->src.call].callee_name))
            return false;
        nref++;
    }
    return nref > 0;
}

static int link_stored_functions(struct ct_program *p)
{
    struct stored {
        unsigned fn;
        const char *record, *field;
    } *st = NULL;
    size_t nst = 0, capst = 0;
    bool any = false;
    int rc = 0;
    for (size_t i = 0; i < p->rules->nedges && !any; i++)
        any = p->rules->edges[i].stored_field != NULL;
    if (!any)
        return 0;
    bool *exits = functions_that_exit(p);
    if (!exits)
        return CT_ENOMEM;
    for (size_t fn = 0; fn < p->nfns && rc == 0; fn++) {
        const struct ct_function *f = p->fns[fn].f;
        for (unsigned i = 0; i < f->ninsns; i++) {
            const struct ct_insn *in = &f->insns[i];
            const char *record, *field;
            if (in->kind != CT_I_STORE || in->src.kind != CT_VAL_FUNC || !in->src.func ||
                !ct_path_last_field(&in->dst, &record, &field))
                continue;
            int t = ct_program_find(p, in->src.func);
            if (t < 0 || !exits[t])
                continue;
            struct stored *x = CT_PUSH(st, nst, capst);
            if (!x) {
                rc = CT_ENOMEM;
                break;
            }
            x->fn = (unsigned)t;
            x->record = record;
            x->field = field;
        }
    }
    for (size_t fn = 0; fn < p->nfns && rc == 0 && nst > 0; fn++) {
        struct ct_fn *node = &p->fns[fn];
        for (unsigned ci = 0; ci < node->f->ncalls && rc == 0; ci++) {
            struct ct_site *s = &node->sites[ci];
            if (!s->edge || s->ntargets)
                continue;
            unsigned targets[64];
            const struct ct_edge_rule *tedges[64];
            unsigned nt = 0;
            for (const struct ct_edge_rule *e = s->edge; e; e = next_edge(p, e)) {
                if (!e->stored_field || drops_own_reference(p, node->f, &node->f->calls[ci], e))
                    continue;
                for (size_t i = 0; i < nst && nt < 64; i++) {
                    if (st[i].field != e->stored_field || !record_is(st[i].record, e->stored_record))
                        continue;
                    bool dup = false;
                    for (unsigned k = 0; k < nt && !dup; k++)
                        dup = targets[k] == st[i].fn && tedges[k] == e;
                    if (dup)
                        continue;
                    targets[nt] = st[i].fn;
                    tedges[nt++] = e;
                }
            }
            if (nt == 0)
                continue;
            s->targets = malloc(nt * sizeof(*s->targets));
            s->tedges = malloc(nt * sizeof(*s->tedges));
            if (!s->targets || !s->tedges) {
                rc = CT_ENOMEM;
                break;
            }
            memcpy(s->targets, targets, nt * sizeof(*targets));
            memcpy(s->tedges, tedges, nt * sizeof(*tedges));
            s->ntargets = nt;
            for (unsigned k = 0; k < nt; k++)
                p->fns[targets[k]].ncallers++;
        }
    }
    free(exits);
    free(st);
    return rc;
}

/* Iterative Tarjan over the call graph (every site target is a successor), giving the
 * bottom-up order and SCC ids. */
static int order_graph(struct ct_program *p)
{
    size_t n = p->nfns;
    int *index = malloc((n ? n : 1) * sizeof(int));
    int *low = malloc((n ? n : 1) * sizeof(int));
    bool *on = calloc(n ? n : 1, sizeof(bool));
    unsigned *stack = malloc((n ? n : 1) * sizeof(unsigned));
    struct frame { unsigned v, ci, ti; } *call = malloc((n ? n : 1) * sizeof(struct frame));
    size_t sp = 0, cp = 0;
    int counter = 0;
    unsigned nscc = 0;
    int rc = 0;

    p->order = malloc((n ? n : 1) * sizeof(unsigned));
    p->scc = malloc((n ? n : 1) * sizeof(unsigned));
    if (!index || !low || !on || !stack || !call || !p->order || !p->scc) {
        rc = CT_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        index[i] = -1;
    for (size_t root = 0; root < n; root++) {
        if (index[root] >= 0)
            continue;
        call[cp++] = (struct frame){(unsigned)root, 0, 0};
        index[root] = low[root] = counter++;
        stack[sp++] = (unsigned)root;
        on[root] = true;
        while (cp > 0) {
            struct frame *fr = &call[cp - 1];
            const struct ct_fn *fnode = &p->fns[fr->v];
            bool pushed = false;
            while (fr->ci < fnode->f->ncalls) {
                const struct ct_site *s = &fnode->sites[fr->ci];
                if (fr->ti < s->ntargets) {
                    unsigned w = s->targets[fr->ti++];
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack[sp++] = w;
                        on[w] = true;
                        call[cp++] = (struct frame){w, 0, 0};
                        pushed = true;
                        break;
                    } else if (on[w] && index[w] < low[fr->v]) {
                        low[fr->v] = index[w];
                    }
                } else {
                    fr->ci++;
                    fr->ti = 0;
                }
            }
            if (pushed)
                continue;
            unsigned v = fr->v;
            if (low[v] == index[v]) {
                unsigned w;
                do {
                    w = stack[--sp];
                    on[w] = false;
                    p->scc[w] = nscc;
                    p->order[p->norder++] = w;
                } while (w != v);
                nscc++;
            }
            cp--;
            if (cp > 0 && low[v] < low[call[cp - 1].v])
                low[call[cp - 1].v] = low[v];
        }
    }
out:
    free(index);
    free(low);
    free(on);
    free(stack);
    free(call);
    return rc;
}

bool ct_runs_on_changes_thread(enum ct_runs_on r)
{
    return r == CT_RUNS_NEW_THREAD || r == CT_RUNS_POOL_THREAD || r == CT_RUNS_ANY_THREAD ||
           r == CT_RUNS_SIGNALLED_THREAD || r == CT_RUNS_OTHER_LOOP_THREAD;
}

/* Whether argument value V was passed by keyword: its spelling starts `NAME=` (not `==`). */
static const char *keyword_of(const struct ct_value *v, size_t *len)
{
    const char *t = v->text;
    size_t n = 0;
    if (!t)
        return NULL;
    while ((t[n] >= 'a' && t[n] <= 'z') || (t[n] >= 'A' && t[n] <= 'Z') || t[n] == '_' ||
           (n > 0 && t[n] >= '0' && t[n] <= '9'))
        n++;
    if (n == 0 || t[n] != '=' || t[n + 1] == '=')
        return NULL;
    *len = n;
    return t;
}

static int edge_arg(const struct ct_call *c, int pos, const char *kw)
{
    size_t len;
    const char *k;
    if (kw) {
        size_t want = strlen(kw);
        for (unsigned i = 0; i < c->nargs; i++)
            if ((k = keyword_of(&c->args[i], &len)) != NULL && len == want &&
                strncmp(k, kw, len) == 0)
                return (int)i;
    }
    if (pos < 0 || (unsigned)pos >= c->nargs || keyword_of(&c->args[pos], &len))
        return -1;
    return pos;
}

/* V with FIELD (dotted) applied to what it points at: &sa -> sa.__sigaction_handler.sa_handler,
 * p -> p->... ; the value read there. */
static bool field_value(const struct ct_value *v, const char *field, struct ct_value *out)
{
    struct ct_path path;
    if (v->kind == CT_VAL_ADDR) {
        path = v->path;
    } else if (v->kind == CT_VAL_LOAD) {
        path = v->path;
        ct_path_push(&path, (struct ct_op){CT_OP_DEREF, false, NULL, NULL});
    } else {
        return false;
    }
    if (path.base == CT_BASE_NONE)
        return false;
    for (const char *f = field; *f;) {
        const char *dot = strchr(f, '.');
        size_t n = dot ? (size_t)(dot - f) : strlen(f);
        char buf[128];
        if (n == 0 || n >= sizeof(buf))
            return false;
        memcpy(buf, f, n);
        buf[n] = '\0';
        ct_path_push(&path, (struct ct_op){CT_OP_FIELD, false, ct_intern(buf), NULL});
        f += n + (dot ? 1 : 0);
    }
    memset(out, 0, sizeof(*out));
    out->kind = CT_VAL_LOAD;
    out->path = path;
    out->call = -1;
    out->text = v->text;
    return true;
}

/* Gives the field ops of P (named by a pack: no records, no offset-0 marks) the records and
 * marks of a store destination in F that names the same fields from the same base. */
static void adopt_fields(const struct ct_function *f, struct ct_path *p)
{
    for (unsigned i = 0; f && i < f->ninsns; i++) {
        const struct ct_path *d = &f->insns[i].dst;
        if (f->insns[i].kind != CT_I_STORE || d->base != p->base || d->key != p->key ||
            d->index != p->index || d->nops < p->nops)
            continue;
        bool same = true;
        for (unsigned k = 0; k < p->nops && same; k++)
            same = d->ops[k].kind == p->ops[k].kind &&
                   (d->ops[k].kind != CT_OP_FIELD || d->ops[k].field == p->ops[k].field);
        if (!same)
            continue;
        if (p->nops)
            p->ops = d->ops; /* its first P->nops ops (interned) */
        return;
    }
}

static bool edge_value(const struct ct_call *c, int a, const char *field,
                       const struct ct_function *f, struct ct_value *out)
{
    if (a < 0)
        return false;
    if (!field) {
        *out = c->args[a];
        return true;
    }
    if (!field_value(&c->args[a], field, out))
        return false;
    adopt_fields(f, &out->path);
    return true;
}

bool ct_edge_function_value(const struct ct_edge_rule *rule, const struct ct_call *c,
                            const struct ct_function *f, struct ct_value *out)
{
    return edge_value(c, ct_edge_function_arg(rule, c), rule->function_field, f, out);
}

bool ct_edge_argument_value(const struct ct_edge_rule *rule, const struct ct_call *c,
                            const struct ct_function *f, struct ct_value *out)
{
    return edge_value(c, ct_edge_argument_arg(rule, c), rule->argument_field, f, out);
}

int ct_edge_function_arg(const struct ct_edge_rule *rule, const struct ct_call *c)
{
    return edge_arg(c, rule->function, rule->function_keyword);
}

int ct_edge_argument_arg(const struct ct_edge_rule *rule, const struct ct_call *c)
{
    return edge_arg(c, rule->argument, rule->argument_keyword);
}

bool ct_value_bound_data(const struct ct_value *v, struct ct_value *data)
{
    if (v->kind != CT_VAL_FUNC || v->path.base == CT_BASE_NONE)
        return false;
    memset(data, 0, sizeof(*data));
    data->kind = CT_VAL_LOAD;
    data->path = v->path;
    data->call = -1;
    return true;
}

/* Whether a call of function FN's site SITE, target K, stays on the registering thread (a
 * function call, or a later task on the same thread): what a thread reaches on its own. */
static bool same_thread_step(const struct ct_site *s, unsigned k)
{
    const struct ct_edge_rule *e = ct_site_edge(s, k);
    return !e || e->runs_on == CT_RUNS_CALLER || e->runs_on == CT_RUNS_SAME_THREAD_LATER;
}

/* Marks with STAMP in SEEN every function thread entry FROM reaches on its own thread, and says
 * whether one of them runs an event loop (a loop runner's call). *BUDGET counts the visits. */
static bool reach_thread(const struct ct_program *p, unsigned from, unsigned stamp, unsigned *seen,
                         unsigned *queue, size_t *budget, bool *reached)
{
    size_t head = 0, tail = 0;
    bool runs_loop = false;
    seen[from] = stamp;
    queue[tail++] = from;
    while (head < tail && *budget > 0) {
        const struct ct_fn *node = &p->fns[queue[head]];
        if (reached)
            reached[queue[head]] = true;
        head++;
        (*budget)--;
        for (unsigned ci = 0; ci < node->f->ncalls; ci++) {
            const struct ct_site *s = &node->sites[ci];
            if (ct_rules_is_loop_runner(p->rules, node->f->calls[ci].callee_name))
                runs_loop = true;
            for (unsigned k = 0; k < s->ntargets; k++)
                if (same_thread_step(s, k) && seen[s->targets[k]] != stamp) {
                    seen[s->targets[k]] = stamp;
                    queue[tail++] = s->targets[k];
                }
        }
    }
    return runs_loop;
}

/* A loop-thread callback (g_idle_add, g_main_context_invoke) runs on the thread that runs the
 * loop. It is taken to be the registering thread's own loop unless the program shows otherwise:
 * when no thread that may register it runs a loop (a loop runner reached from its entry on its
 * own thread) and some other thread of the program does, it runs on that other thread (a
 * worker that locks and has main's loop unlock). A library (no main) is left as it is: who runs
 * its loop is not known. Bounded: past MAX_VISITS steps the edges stay as they are. */
static int place_loop_callbacks(struct ct_program *p)
{
    enum { MAX_VISITS = 4000000 };
    unsigned *seen = NULL, *queue = NULL, *entries = NULL;
    bool *loopy = NULL, *reached = NULL;
    size_t nentries = 0, cap = 0, budget = MAX_VISITS, nloopy = 0, norig = 0, cap_orig = 0;
    const struct ct_edge_rule **orig = NULL;
    bool any_loop_edge = false;
    int rc = 0;

    if (p->main_fn < 0 || !p->rules->nloop_runners || p->nfns == 0)
        return 0;
    for (size_t fn = 0; fn < p->nfns && rc == 0; fn++) {
        const struct ct_fn *node = &p->fns[fn];
        if (!node->sites)
            continue;
        if (ct_program_is_main(p, (unsigned)fn)) {
            if (ct_grow((void **)&entries, &cap, nentries + 1, sizeof(*entries)) != 0)
                rc = CT_ENOMEM;
            else
                entries[nentries++] = (unsigned)fn;
        }
        for (unsigned ci = 0; ci < node->f->ncalls && rc == 0; ci++) {
            const struct ct_site *s = &node->sites[ci];
            for (unsigned k = 0; k < s->ntargets && rc == 0; k++) {
                const struct ct_edge_rule *e = ct_site_edge(s, k);
                if (e && e->runs_on == CT_RUNS_LOOP_THREAD)
                    any_loop_edge = true;
                if (!e || !ct_runs_on_changes_thread(e->runs_on))
                    continue;
                if (ct_grow((void **)&entries, &cap, nentries + 1, sizeof(*entries)) != 0)
                    rc = CT_ENOMEM;
                else
                    entries[nentries++] = s->targets[k];
            }
        }
    }
    if (rc != 0 || !any_loop_edge || nentries == 0) {
        free(entries);
        return rc;
    }
    seen = calloc(p->nfns, sizeof(*seen));
    queue = malloc(p->nfns * sizeof(*queue));
    loopy = calloc(nentries, sizeof(*loopy));
    reached = calloc(p->nfns, sizeof(*reached));
    if (!seen || !queue || !loopy || !reached) {
        rc = CT_ENOMEM;
        goto out;
    }
    /* which thread entries run a loop; a function no entry reaches is left alone */
    const char *loop_thread = NULL; /* the one function every loop-running thread starts at */
    for (size_t i = 0; i < nentries && budget > 0; i++) {
        loopy[i] = reach_thread(p, entries[i], (unsigned)i + 1, seen, queue, &budget, reached);
        nloopy += loopy[i];
        if (loopy[i]) {
            const char *name = p->fns[entries[i]].f->name;
            loop_thread = nloopy == 1 || loop_thread == name ? name : NULL;
        }
    }
    if (budget == 0 || nloopy == 0)
        goto out;
    /* the functions a loop-running thread may run: their registrations stay on that loop */
    memset(seen, 0, p->nfns * sizeof(*seen));
    for (size_t i = 0; i < nentries && budget > 0; i++)
        if (loopy[i] && seen[entries[i]] != 1)
            (void)reach_thread(p, entries[i], 1, seen, queue, &budget, NULL);
    if (budget == 0)
        goto out;
    /* pass 0 collects the loop-thread rules to copy, pass 1 points the sites at the copies */
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        if (pass == 1) {
            if (norig == 0)
                break;
            p->priv->other_loop_edges = calloc(norig, sizeof(struct ct_edge_rule));
            if (!p->priv->other_loop_edges) {
                rc = CT_ENOMEM;
                break;
            }
            p->priv->nother_loop_edges = norig;
            for (size_t r = 0; r < norig; r++) {
                p->priv->other_loop_edges[r] = *orig[r];
                p->priv->other_loop_edges[r].runs_on = CT_RUNS_OTHER_LOOP_THREAD;
            }
        }
        for (size_t fn = 0; fn < p->nfns && rc == 0; fn++) {
            struct ct_fn *node = &p->fns[fn];
            if (!reached[fn] || seen[fn] == 1 || !node->sites)
                continue;
            for (unsigned ci = 0; ci < node->f->ncalls && rc == 0; ci++) {
                struct ct_site *s = &node->sites[ci];
                for (unsigned k = 0; k < s->ntargets && rc == 0; k++) {
                    const struct ct_edge_rule *e = ct_site_edge(s, k);
                    size_t r = 0;
                    if (!e || e->runs_on != CT_RUNS_LOOP_THREAD)
                        continue;
                    while (r < norig && orig[r] != e)
                        r++;
                    if (pass == 0) {
                        if (r == norig) {
                            if (ct_grow((void **)&orig, &cap_orig, norig + 1, sizeof(*orig)) != 0)
                                rc = CT_ENOMEM;
                            else
                                orig[norig++] = e;
                        }
                        continue;
                    }
                    if (!s->tedges) {
                        s->tedges = malloc(s->ntargets * sizeof(*s->tedges));
                        if (!s->tedges) {
                            rc = CT_ENOMEM;
                            break;
                        }
                        for (unsigned j = 0; j < s->ntargets; j++)
                            s->tedges[j] = s->edge;
                    }
                    s->tedges[k] = &p->priv->other_loop_edges[r];
                    if (s->edge == e)
                        s->edge = s->tedges[k];
                    if (loop_thread && !s->tthreads) {
                        /* it runs as the thread that runs the loop: a callback unlocking what
                         * main locked, on main's loop, is main's own unlock */
                        s->tthreads = calloc(s->ntargets, sizeof(*s->tthreads));
                        if (!s->tthreads) {
                            rc = CT_ENOMEM;
                            break;
                        }
                    }
                    if (loop_thread)
                        s->tthreads[k] = loop_thread;
                }
            }
        }
    }
out:
    free(orig);
    free(entries);
    free(seen);
    free(queue);
    free(loopy);
    free(reached);
    return rc;
}

bool ct_runs_on_changes_task(enum ct_runs_on r)
{
    return r != CT_RUNS_CALLER;
}

static int add_task(struct ct_program *p, size_t *cap, unsigned entry, int parent_fn,
                    const struct ct_edge_rule *edge, struct ct_loc loc)
{
    if (ct_grow((void **)&p->tasks, cap, p->ntasks + 1, sizeof(*p->tasks)) != 0)
        return CT_ENOMEM;
    struct ct_task *t = &p->tasks[p->ntasks++];
    t->name = p->fns[entry].f->name;
    t->entry = entry;
    t->parent_fn = parent_fn;
    t->edge = edge;
    t->edge_loc = loc;
    return 0;
}

/* Marks every function reachable from task T's entry through calls (not edges). */
static int mark_task(struct ct_program *p, unsigned t, unsigned *queue, unsigned *seen)
{
    size_t head = 0, tail = 0;
    unsigned stamp = t + 1; /* seen[v] == stamp: reached by this task (no clearing per task) */
    queue[tail++] = p->tasks[t].entry;
    seen[p->tasks[t].entry] = stamp;
    while (head < tail) {
        unsigned v = queue[head++];
        struct ct_fn *fnode = &p->fns[v];
        if (fnode->task < 0)
            fnode->task = (int)t;
        fnode->ntasks++;
        for (unsigned ci = 0; ci < fnode->f->ncalls; ci++) {
            const struct ct_site *s = &fnode->sites[ci];
            for (unsigned k = 0; k < s->ntargets; k++) {
                unsigned w = s->targets[k];
                if (ct_site_edge(s, k) && ct_site_edge(s, k)->runs_on != CT_RUNS_CALLER)
                    continue;
                if (seen[w] != stamp) {
                    seen[w] = stamp;
                    queue[tail++] = w;
                }
            }
        }
    }
    return 0;
}

/* Marks in TAKEN the defined function value V names. */
static void note_func_value(const struct ct_program *p, const struct ct_value *v, bool *taken)
{
    if (v->kind != CT_VAL_FUNC || !v->func)
        return;
    int i = ct_program_find(p, v->func);
    if (i >= 0)
        taken[i] = true;
}

/* Functions whose address escapes: a function value stored, returned, written in a static
 * initialiser, or passed to a call that no rule describes (a rule's own callbacks, such as
 * pthread_atfork's handlers, are the rule's to place). */
static void mark_address_taken(const struct ct_program *p, const struct ct_tu_facts *const *tus,
                               size_t ntus, bool *taken)
{
    for (size_t t = 0; t < ntus; t++)
        for (size_t i = 0; i < tus[t]->ninit_stores; i++)
            note_func_value(p, &tus[t]->init_stores[i].src, taken);
    for (size_t fn = 0; fn < p->nfns; fn++) {
        const struct ct_function *f = p->fns[fn].f;
        for (unsigned i = 0; i < f->ninsns; i++)
            if (f->insns[i].kind == CT_I_STORE || f->insns[i].kind == CT_I_RETURN)
                note_func_value(p, &f->insns[i].src, taken);
        for (unsigned c = 0; c < f->ncalls; c++) {
            /* passed on, not to a rule's own call: a registration (if what it was passed to
             * calls it, it is reached and no root) */
            const struct ct_site *site = &p->fns[fn].sites[c];
            if (site->edge || site->nevents || site->term)
                continue;
            for (unsigned a = 0; a < f->calls[c].nargs; a++)
                note_func_value(p, &f->calls[c].args[a], taken);
        }
    }
}

/* Call sites of FN that call FN itself. */
static unsigned self_calls(const struct ct_program *p, unsigned fn)
{
    unsigned n = 0;
    const struct ct_fn *node = &p->fns[fn];
    for (unsigned ci = 0; ci < node->f->ncalls; ci++)
        for (unsigned k = 0; k < node->sites[ci].ntargets; k++)
            if (node->sites[ci].targets[k] == fn)
                n++;
    return n;
}

/* The root rule's second half: code that something outside the program's view may run. A
 * defined function that no task reaches and that is exported or whose address escapes (a
 * callback registered with a library, a plugin table, a dlsym name) is the root of a task of
 * its own. Those that nothing else calls go first (a self-recursive one counts as uncalled), so
 * that a function they call joins their task rather than starting one. */
static int add_unreached_roots(struct ct_program *p, const struct ct_tu_facts *const *tus,
                               size_t ntus, size_t *cap, unsigned *queue, unsigned *seen)
{
    bool *taken = calloc(p->nfns ? p->nfns : 1, sizeof(*taken));
    int rc = 0;
    if (!taken)
        return CT_ENOMEM;
    mark_address_taken(p, tus, ntus, taken);
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        for (size_t i = 0; i < p->nfns && rc == 0; i++) {
            const struct ct_fn *node = &p->fns[i];
            if (node->task >= 0 || !node->f->is_definition ||
                (node->f->linkage != CT_LINK_EXTERNAL && !taken[i]))
                continue;
            if (pass == 0 && node->ncallers > self_calls(p, (unsigned)i))
                continue;
            rc = add_task(p, cap, (unsigned)i, -1, NULL, node->f->loc);
            if (rc == 0)
                mark_task(p, (unsigned)(p->ntasks - 1), queue, seen);
        }
    }
    free(taken);
    return rc;
}

static int build_tasks(struct ct_program *p, const struct ct_tu_facts *const *tus, size_t ntus)
{
    size_t cap = 0;
    int rc = 0;
    unsigned *queue = NULL;
    unsigned *seen = NULL;

    for (size_t i = 0; i < p->nfns; i++)
        p->fns[i].task = -1;
    if (p->main_fn >= 0) {
        /* every main of the build (a server, its client, its test runner) starts a program */
        for (size_t i = 0; i < p->nfns && rc == 0; i++)
            if (ct_program_is_main(p, (unsigned)i))
                rc = add_task(p, &cap, (unsigned)i, -1, NULL, p->fns[i].f->loc);
    } else {
        /* a library: its exported functions that nothing in it calls, or only themselves */
        for (size_t i = 0; i < p->nfns && rc == 0; i++)
            if (p->fns[i].f->linkage == CT_LINK_EXTERNAL && p->fns[i].f->is_definition &&
                p->fns[i].ncallers <= self_calls(p, (unsigned)i))
                rc = add_task(p, &cap, (unsigned)i, -1, NULL, p->fns[i].f->loc);
    }
    size_t nroots = p->ntasks;
    for (size_t i = 0; i < p->nfns && rc == 0; i++) {
        const struct ct_fn *fnode = &p->fns[i];
        for (unsigned ci = 0; ci < fnode->f->ncalls && rc == 0; ci++) {
            const struct ct_site *s = &fnode->sites[ci];
            for (unsigned k = 0; k < s->ntargets && rc == 0; k++) {
                const struct ct_edge_rule *e = ct_site_edge(s, k);
                if (!e || e->runs_on == CT_RUNS_CALLER || e->runs_at == CT_AT_THREAD_EXIT ||
                    e->set_call)
                    continue; /* a key destructor runs in the thread that sets the key's value,
                               * a pool's function where each push hands it a value */
                rc = add_task(p, &cap, s->targets[k], (int)i, e, fnode->f->calls[ci].loc);
            }
        }
    }
    (void)nroots;
    if (rc != 0)
        return rc;
    queue = malloc((p->nfns ? p->nfns : 1) * sizeof(unsigned));
    seen = calloc(p->nfns ? p->nfns : 1, sizeof(*seen));
    if (!queue || !seen) {
        rc = CT_ENOMEM;
    } else {
        for (size_t t = 0; t < p->ntasks; t++)
            mark_task(p, (unsigned)t, queue, seen);
        rc = add_unreached_roots(p, tus, ntus, &cap, queue, seen);
    }
    free(queue);
    free(seen);
    return rc;
}

/* Adds a bodiless node for API function value V (a rule's enter or exit used as a function
 * pointer) so that calls through pointers can resolve to it. */
static int add_api_function(struct ct_program *p, const struct ct_value *v, size_t *cap)
{
    if (v->kind != CT_VAL_FUNC || !v->func || !v->func_name ||
        ct_program_find(p, v->func) >= 0 ||
        (!is_scope_call(p, v->func_name) && !find_edge(p, v->func_name)))
        return 0;
    struct ct_function *f = calloc(1, sizeof(*f));
    struct ct_function **nv = realloc(p->priv->api_fns, (p->priv->napi_fns + 1) * sizeof(*nv));
    if (!f || !nv) {
        free(f);
        if (nv)
            p->priv->api_fns = nv;
        return CT_ENOMEM;
    }
    p->priv->api_fns = nv;
    p->priv->api_fns[p->priv->napi_fns++] = f;
    f->usr = v->func;
    f->name = v->func_name;
    f->linkage = CT_LINK_INTERNAL;
    if (ct_grow((void **)&p->fns, cap, p->nfns + 1, sizeof(*p->fns)) != 0 ||
        kmap_put(&p->priv->usr_index, f->usr, NULL, 0, (unsigned)p->nfns) != 0)
        return CT_ENOMEM;
    memset(&p->fns[p->nfns], 0, sizeof(p->fns[0]));
    p->fns[p->nfns++].f = f;
    return 0;
}

static int add_api_functions(struct ct_program *p, const struct ct_tu_facts *const *tus,
                             size_t ntus, size_t *cap)
{
    int rc = 0;
    size_t ndefs = p->nfns;
    for (size_t t = 0; t < ntus && rc == 0; t++)
        for (size_t i = 0; i < tus[t]->ninit_stores && rc == 0; i++)
            rc = add_api_function(p, &tus[t]->init_stores[i].src, cap);
    for (size_t fn = 0; fn < ndefs && rc == 0; fn++) {
        const struct ct_function *f = p->fns[fn].f;
        for (unsigned i = 0; i < f->ninsns && rc == 0; i++)
            if (f->insns[i].kind == CT_I_STORE)
                rc = add_api_function(p, &f->insns[i].src, cap);
        for (unsigned c = 0; c < f->ncalls && rc == 0; c++)
            for (unsigned a = 0; a < f->calls[c].nargs && rc == 0; a++)
                rc = add_api_function(p, &f->calls[c].args[a], cap);
    }
    return rc;
}

int ct_program_build(struct ct_program *p, const struct ct_tu_facts *const *tus, size_t ntus,
                     const struct ct_rules *rules)
{
    size_t cap = 0;
    int rc = 0;
    const struct ct_function **decls = NULL;
    size_t ndecls = 0, capdecls = 0;
    struct kmap decl_index = {0};

    memset(p, 0, sizeof(*p));
    p->rules = rules;
    p->main_fn = -1;
    p->priv = calloc(1, sizeof(*p->priv));
    if (!p->priv)
        return CT_ENOMEM;
    for (size_t t = 0; t < ntus && rc == 0; t++) {
        for (size_t i = 0; i < tus[t]->nfunctions && rc == 0; i++) {
            const struct ct_function *f = &tus[t]->functions[i];
            if (!f->is_definition) {
                if (f->nannotations && kmap_get(&decl_index, f->usr, NULL, 0) < 0) {
                    if (ct_grow((void **)&decls, &capdecls, ndecls + 1, sizeof(*decls)) != 0 ||
                        kmap_put(&decl_index, f->usr, NULL, 0, (unsigned)ndecls) != 0)
                        rc = CT_ENOMEM;
                    else
                        decls[ndecls++] = f;
                }
                continue;
            }
            if (kmap_get(&p->priv->usr_index, f->usr, NULL, 0) >= 0)
                continue; /* the same inline function from another TU */
            if (ct_grow((void **)&p->fns, &cap, p->nfns + 1, sizeof(*p->fns)) != 0 ||
                kmap_put(&p->priv->usr_index, f->usr, NULL, 0, (unsigned)p->nfns) != 0) {
                rc = CT_ENOMEM;
                break;
            }
            memset(&p->fns[p->nfns], 0, sizeof(p->fns[0]));
            p->fns[p->nfns].f = f;
            if (strcmp(f->name, "main") == 0 && f->linkage == CT_LINK_EXTERNAL && p->main_fn < 0)
                p->main_fn = (int)p->nfns;
            p->nfns++;
        }
    }
    if (rc == 0)
        rc = index_rule_names(p);
    if (rc == 0)
        rc = add_api_functions(p, tus, ntus, &cap);
    for (size_t i = 0; i < p->nfns && rc == 0; i++)
        rc = classify(p, (unsigned)i, decls, &decl_index);
    for (int round = 0; round < 12 && rc == 0; round++) {
        p->priv->changed = false;
        flow_pass(p, tus, ntus);
        if (p->priv->oom)
            rc = CT_ENOMEM;
        if (!p->priv->changed)
            break;
    }
    if (rc == 0)
        rc = index_overrides(p);
    if (rc == 0)
        rc = resolve_sites(p);
    if (rc == 0)
        rc = link_owner_releases(p);
    if (rc == 0)
        rc = link_key_destructors(p);
    if (rc == 0)
        rc = link_stack_cleanups(p);
    if (rc == 0)
        rc = link_loop_runs(p);
    if (rc == 0)
        rc = link_exit_handlers(p);
    if (rc == 0)
        rc = link_signal_deliveries(p);
    if (rc == 0)
        rc = link_stored_functions(p);
    if (rc == 0)
        rc = place_loop_callbacks(p);
    if (rc == 0)
        rc = order_graph(p);
    if (rc == 0)
        rc = build_tasks(p, tus, ntus);
    free(decls);
    free(decl_index.slots);
    return rc;
}

void ct_program_fini(struct ct_program *p)
{
    for (size_t i = 0; i < p->nfns; i++) {
        const struct ct_function *f = p->fns[i].f;
        for (unsigned ci = 0; p->fns[i].sites && ci < f->ncalls; ci++) {
            free(p->fns[i].sites[ci].events);
            free(p->fns[i].sites[ci].targets);
            free(p->fns[i].sites[ci].tedges);
            free(p->fns[i].sites[ci].tthreads);
            free(p->fns[i].sites[ci].targs);
        }
        free(p->fns[i].sites);
    }
    free(p->fns);
    free(p->exit_handlers);
    free(p->order);
    free(p->scc);
    free(p->tasks);
    if (p->priv) {
        for (size_t i = 0; i < p->priv->nsets; i++)
            free(p->priv->sets[i].v);
        free(p->priv->sets);
        free(p->priv->key_edges);
        free(p->priv->stack_edges);
        free(p->priv->loop_edges);
        free(p->priv->other_loop_edges);
        for (size_t i = 0; i < p->priv->napi_fns; i++)
            free(p->priv->api_fns[i]);
        free(p->priv->api_fns);
        free(p->priv->usr_index.slots);
        free(p->priv->name_index.slots);
        free(p->priv->set_index.slots);
        free(p->priv->over_index.slots);
        free(p->priv->over_fn);
        free(p->priv->over_next);
        free(p->priv);
    }
    memset(p, 0, sizeof(*p));
}

void ct_program_dump(const struct ct_program *p, ct_write_fn write, void *out)
{
    char line[1024];
    for (size_t t = 0; t < p->ntasks; t++) {
        const struct ct_task *task = &p->tasks[t];
        if (task->edge)
            snprintf(line, sizeof(line), "task %zu '%s': %s edge %s at %s:%u, runs on %s, from '%s'\n",
                     t, task->name, ct_edge_kind_name(task->edge->kind), task->edge->call,
                     task->edge_loc.file ? task->edge_loc.file : "?", task->edge_loc.line,
                     ct_runs_on_name(task->edge->runs_on),
                     p->fns[task->parent_fn].f->name);
        else
            snprintf(line, sizeof(line), "task %zu '%s': root\n", t, task->name);
        write(line, out);
    }
    for (size_t i = 0; i < p->nfns; i++) {
        const struct ct_fn *fnode = &p->fns[i];
        snprintf(line, sizeof(line), "function %s: first task %s, in %u task(s)\n", fnode->f->name,
                 fnode->task >= 0 ? p->tasks[fnode->task].name : "(none)", fnode->ntasks);
        write(line, out);
        for (unsigned ci = 0; ci < fnode->f->ncalls; ci++) {
            const struct ct_site *s = &fnode->sites[ci];
            const struct ct_call *c = &fnode->f->calls[ci];
            for (unsigned e = 0; e < s->nevents; e++) {
                snprintf(line, sizeof(line), "  %u:%u %s %s\n", c->loc.line, c->loc.col,
                         s->events[e].enter ? "enter" : "exit", s->events[e].scope->kind);
                write(line, out);
            }
            for (unsigned k = 0; k < s->ntargets; k++) {
                snprintf(line, sizeof(line), "  %u:%u %s %s\n", c->loc.line, c->loc.col,
                         ct_site_edge(s, k) ? ct_edge_kind_name(ct_site_edge(s, k)->kind)
                                            : "calls",
                         p->fns[s->targets[k]].f->name);
                write(line, out);
            }
        }
    }
}
