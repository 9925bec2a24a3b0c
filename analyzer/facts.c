/* facts.c - the facts IR's storage (one arena per translation unit), access-path helpers and the
 * --dump=facts writer. Must never include libclang, print on its own, or exit. */
#include "facts.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Blocks above malloc's mmap threshold (128 KiB) come zeroed from the kernel, page by page as
 * they are touched: calloc then need not clear them. */
#define ARENA_BLOCK ((size_t)256 << 10)

struct arena_block {
    struct arena_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

struct ct_arena {
    struct arena_block *blocks;
};

struct ct_arena *ct_arena_new(void)
{
    return calloc(1, sizeof(struct ct_arena));
}

void *ct_arena_alloc(struct ct_arena *arena, size_t size)
{
    struct arena_block *b = arena->blocks;
    size = (size + 15) & ~(size_t)15;
    if (size == 0)
        size = 16;
    if (!b || b->size - b->used < size) {
        size_t bsize = size > ARENA_BLOCK ? size : ARENA_BLOCK;
        b = calloc(1, sizeof(*b) + bsize); /* zeroed once here (fresh pages cost nothing) */
        if (!b)
            return NULL;
        b->used = 0;
        b->size = bsize;
        b->next = arena->blocks;
        arena->blocks = b;
    }
    void *p = b->data + b->used;
    b->used += size; /* a block is never reused: the bytes are still zero */
    return p;
}

int ct_arena_reserve(struct ct_arena *arena, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (size == 0)
        return 0;
    struct arena_block *b = calloc(1, sizeof(*b) + size);
    if (!b)
        return CT_ENOMEM;
    b->used = 0;
    b->size = size;
    b->next = arena->blocks;
    arena->blocks = b;
    return 0;
}

void ct_arena_free(struct ct_arena *arena)
{
    if (!arena)
        return;
    while (arena->blocks) {
        struct arena_block *next = arena->blocks->next;
        free(arena->blocks);
        arena->blocks = next;
    }
    free(arena);
}

struct ct_tu_facts *ct_tu_facts_new(const char *file)
{
    struct ct_tu_facts *f = calloc(1, sizeof(*f));
    if (!f)
        return NULL;
    f->arena = ct_arena_new();
    f->file = ct_intern(file);
    if (!f->arena || !f->file) {
        ct_arena_free(f->arena);
        free(f);
        return NULL;
    }
    return f;
}

void ct_tu_facts_free(struct ct_tu_facts *facts)
{
    if (!facts)
        return;
    free(facts->errors);
    ct_arena_free(facts->arena);
    free(facts);
}

/* --- keeping some functions ---------------------------------------------------------------- */

/* Copies N items of SIZE bytes at SRC into ARENA; NULL when SRC is, or (with *OOM set) when out
 * of memory. */
static void *arena_dup(struct ct_arena *arena, const void *src, size_t n, size_t size, bool *oom)
{
    if (!src)
        return NULL;
    void *p = ct_arena_alloc(arena, (n ? n : 1) * size); /* as allocated: at least one, zeroed */
    if (!p) {
        *oom = true;
        return NULL;
    }
    memcpy(p, src, n * size);
    return p;
}

/* Copies what INSNS[0..N) point to (their jump targets, a null test's path) into ARENA, in
 * place. */
static void dup_insn_targets(struct ct_arena *arena, struct ct_insn *insns, size_t n, bool *oom)
{
    for (size_t i = 0; i < n; i++) {
        insns[i].targets =
            arena_dup(arena, insns[i].targets, insns[i].ntargets, sizeof(unsigned), oom);
        if (insns[i].null_test)
            insns[i].null_test = arena_dup(arena, insns[i].null_test, 1,
                                           sizeof(*insns[i].null_test), oom);
    }
}

/* What arena_dup of N items of SIZE bytes takes from an arena (NULL sources take nothing). */
static size_t dup_size(const void *src, size_t n, size_t size)
{
    return src ? ((n ? n : 1) * size + 15) & ~(size_t)15 : 0;
}

static size_t insns_size(const struct ct_insn *insns, size_t n)
{
    size_t need = dup_size(insns, n, sizeof(*insns));
    for (size_t i = 0; insns && i < n; i++)
        need += dup_size(insns[i].targets, insns[i].ntargets, sizeof(unsigned)) +
                dup_size(insns[i].null_test, 1, sizeof(*insns[i].null_test));
    return need;
}

/* The bytes ct_tu_facts_keep copies: the new arena is made of exactly that. */
static size_t kept_size(const struct ct_tu_facts *facts, const bool *keep, size_t nkept)
{
    size_t need = nkept ? dup_size(facts->functions, nkept, sizeof(*facts->functions)) : 0;
    for (size_t i = 0; i < facts->nfunctions; i++) {
        const struct ct_function *f = &facts->functions[i];
        if (!keep[i])
            continue;
        need += dup_size(f->params, f->nparams, sizeof(*f->params)) +
                dup_size(f->annotations, f->nannotations, sizeof(*f->annotations)) +
                dup_size(f->overrides, f->noverrides, sizeof(*f->overrides)) +
                dup_size(f->calls, f->ncalls, sizeof(*f->calls)) + insns_size(f->insns, f->ninsns);
        for (unsigned c = 0; f->calls && c < f->ncalls; c++)
            need += dup_size(f->calls[c].args, f->calls[c].nargs, sizeof(*f->calls[c].args));
    }
    return need + insns_size(facts->init_stores, facts->ninit_stores) +
           dup_size(facts->deps, facts->ndeps, sizeof(*facts->deps)) +
           dup_size(facts->absent, facts->nabsent, sizeof(*facts->absent));
}

int ct_tu_facts_keep(struct ct_tu_facts *facts, const bool *keep)
{
    size_t nkept = 0;
    bool oom = false;

    for (size_t i = 0; i < facts->nfunctions; i++)
        nkept += keep[i];
    size_t need = kept_size(facts, keep, nkept), have = 0;
    for (const struct arena_block *b = facts->arena->blocks; b; b = b->next)
        have += b->size;
    if (nkept == facts->nfunctions && have <= need + need / 4)
        return 0; /* nothing dropped and little to gain: a copy would hold both for a while */
    struct ct_arena *arena = ct_arena_new();
    if (!arena || ct_arena_reserve(arena, need) != 0) {
        ct_arena_free(arena);
        return CT_ENOMEM;
    }
    struct ct_function *fns = nkept ? ct_arena_alloc(arena, nkept * sizeof(*fns)) : NULL;
    oom = nkept && !fns;
    for (size_t i = 0, k = 0; i < facts->nfunctions && !oom; i++) {
        if (!keep[i])
            continue;
        struct ct_function *f = &fns[k++];
        *f = facts->functions[i];
        f->params = arena_dup(arena, f->params, f->nparams, sizeof(*f->params), &oom);
        f->annotations =
            arena_dup(arena, f->annotations, f->nannotations, sizeof(*f->annotations), &oom);
        f->overrides = arena_dup(arena, f->overrides, f->noverrides, sizeof(*f->overrides), &oom);
        f->calls = arena_dup(arena, f->calls, f->ncalls, sizeof(*f->calls), &oom);
        for (unsigned c = 0; c < f->ncalls && f->calls && !oom; c++)
            f->calls[c].args = arena_dup(arena, f->calls[c].args, f->calls[c].nargs,
                                         sizeof(*f->calls[c].args), &oom);
        f->insns = arena_dup(arena, f->insns, f->ninsns, sizeof(*f->insns), &oom);
        if (f->insns)
            dup_insn_targets(arena, f->insns, f->ninsns, &oom);
    }
    struct ct_insn *init = arena_dup(arena, facts->init_stores, facts->ninit_stores,
                                     sizeof(*init), &oom);
    if (init)
        dup_insn_targets(arena, init, facts->ninit_stores, &oom);
    const char **deps = arena_dup(arena, facts->deps, facts->ndeps, sizeof(*deps), &oom);
    const char **absent = arena_dup(arena, facts->absent, facts->nabsent, sizeof(*absent), &oom);
    if (oom) {
        ct_arena_free(arena);
        return CT_ENOMEM;
    }
    ct_arena_free(facts->arena);
    facts->arena = arena;
    facts->functions = fns;
    facts->nfunctions = nkept;
    facts->init_stores = init;
    facts->deps = deps;
    facts->absent = absent;
    return 0;
}

/* The number of ops that matter: trailing fields at offset 0 do not move the address. */
static unsigned canon_nops(const struct ct_path *p)
{
    unsigned n = p->nops;
    while (n > 0 && p->ops[n - 1].kind == CT_OP_FIELD && p->ops[n - 1].first)
        n--;
    return n;
}

bool ct_path_equal(const struct ct_path *a, const struct ct_path *b)
{
    unsigned n = canon_nops(a);
    if (a->base != b->base || n != canon_nops(b))
        return false;
    if (a->base == CT_BASE_NONE)
        return false;
    if (a->base == CT_BASE_PARAM && a->index != b->index)
        return false;
    if ((a->base == CT_BASE_GLOBAL || a->base == CT_BASE_LOCAL) && a->key != b->key)
        return false;
    if (a->ops == b->ops)
        return true; /* one interned sequence */
    for (unsigned i = 0; i < n; i++) {
        const struct ct_op *x = &a->ops[i], *y = &b->ops[i];
        if (x->kind != y->kind)
            return false;
        if (x->kind == CT_OP_FIELD) {
            if (x->field != y->field)
                return false;
            if (x->record && y->record && x->record != y->record)
                return false;
        }
    }
    return true;
}

unsigned long long ct_path_hash(const struct ct_path *p)
{
    unsigned long long h = CT_HASH_INIT;
    int base = p->base;
    h = ct_hash(h, &base, sizeof(base));
    if (p->base == CT_BASE_PARAM)
        h = ct_hash(h, &p->index, sizeof(p->index));
    if (p->base == CT_BASE_GLOBAL || p->base == CT_BASE_LOCAL)
        h = ct_hash(h, &p->key, sizeof(p->key));
    for (unsigned i = 0, n = canon_nops(p); i < n; i++) {
        int k = p->ops[i].kind;
        h = ct_hash(h, &k, sizeof(k));
        if (k == CT_OP_FIELD)
            h = ct_hash(h, &p->ops[i].field, sizeof(p->ops[i].field));
    }
    return h;
}

/* --- interned op sequences ----------------------------------------------------------------- */

/* One interned sequence: its ops follow the header, in blocks that live until ct_ops_shutdown. */
struct opseq {
    unsigned long long h;
    unsigned n;
    struct ct_op ops[];
};

struct ops_block {
    struct ops_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

static pthread_mutex_t ops_mu = PTHREAD_MUTEX_INITIALIZER;
static atomic_uint ops_generation = 1; /* bumped by ct_ops_shutdown: forget the push caches */
static const struct opseq **ops_slots; /* capacity ops_cap, NULL when empty */
static size_t ops_cap, ops_count;
static struct ops_block *ops_blocks;

static int ops_rehash(void)
{
    size_t ncap = ops_cap ? ops_cap * 2 : 4096;
    const struct opseq **slots = calloc(ncap, sizeof(*slots));
    if (!slots)
        return CT_ENOMEM;
    for (size_t i = 0; i < ops_cap; i++) {
        if (!ops_slots[i])
            continue;
        size_t j = (size_t)ops_slots[i]->h & (ncap - 1);
        while (slots[j])
            j = (j + 1) & (ncap - 1);
        slots[j] = ops_slots[i];
    }
    free(ops_slots);
    ops_slots = slots;
    ops_cap = ncap;
    return 0;
}

static struct opseq *ops_store(const struct ct_op *ops, unsigned n, unsigned long long h)
{
    size_t size = (sizeof(struct opseq) + n * sizeof(struct ct_op) + 15) & ~(size_t)15;
    struct ops_block *b = ops_blocks;
    if (!b || b->size - b->used < size) {
        b = malloc(sizeof(*b) + 65536);
        if (!b)
            return NULL;
        b->used = 0;
        b->size = 65536;
        b->next = ops_blocks;
        ops_blocks = b;
    }
    struct opseq *q = (struct opseq *)(void *)(b->data + b->used);
    b->used += size;
    q->h = h;
    q->n = n;
    memcpy(q->ops, ops, n * sizeof(*ops));
    return q;
}

const struct ct_op *ct_ops_intern(const struct ct_op *ops, unsigned n)
{
    struct ct_op canon[CT_PATH_MAX_OPS];
    const struct ct_op *result = NULL;

    if (n == 0 || n > CT_PATH_MAX_OPS)
        return NULL;
    /* field by field into zeroed storage: the padding takes part in the hash and the compare */
    memset(canon, 0, n * sizeof(canon[0]));
    for (unsigned i = 0; i < n; i++) {
        canon[i].kind = ops[i].kind;
        canon[i].first = ops[i].first;
        canon[i].field = ops[i].field;
        canon[i].record = ops[i].record;
    }
    unsigned long long h = ct_hash(CT_HASH_INIT, canon, n * sizeof(canon[0]));
    pthread_mutex_lock(&ops_mu);
    if ((ops_count + 1) * 2 > ops_cap && ops_rehash() != 0)
        goto out;
    size_t j = (size_t)h & (ops_cap - 1);
    for (; ops_slots[j]; j = (j + 1) & (ops_cap - 1)) {
        const struct opseq *q = ops_slots[j];
        if (q->h == h && q->n == n && memcmp(q->ops, canon, n * sizeof(canon[0])) == 0) {
            result = q->ops;
            goto out;
        }
    }
    struct opseq *q = ops_store(canon, n, h);
    if (q) {
        ops_slots[j] = q;
        ops_count++;
        result = q->ops;
    }
out:
    pthread_mutex_unlock(&ops_mu);
    return result;
}

void ct_ops_shutdown(void)
{
    atomic_fetch_add(&ops_generation, 1);
    pthread_mutex_lock(&ops_mu);
    while (ops_blocks) {
        struct ops_block *next = ops_blocks->next;
        free(ops_blocks);
        ops_blocks = next;
    }
    free(ops_slots);
    ops_slots = NULL;
    ops_cap = ops_count = 0;
    pthread_mutex_unlock(&ops_mu);
}

void ct_path_append(struct ct_path *p, const struct ct_op *ops, unsigned n)
{
    struct ct_op buf[CT_PATH_MAX_OPS];
    unsigned have = p->nops < CT_PATH_MAX_OPS ? p->nops : CT_PATH_MAX_OPS, k = n;

    if (n == 0)
        return;
    if (k > CT_PATH_MAX_OPS - have) {
        k = CT_PATH_MAX_OPS - have;
        p->truncated = true;
    }
    if (k == 0)
        return;
    if (have)
        memcpy(buf, p->ops, have * sizeof(buf[0]));
    memcpy(buf + have, ops, k * sizeof(buf[0]));
    const struct ct_op *q = ct_ops_intern(buf, have + k);
    if (!q) {
        p->truncated = true; /* out of memory: the path stops here, as a deep one would */
        return;
    }
    p->ops = q;
    p->nops = have + k;
}

/* A per-thread memo of pushes: (sequence, its first N ops, one more op) -> the interned result.
 * Most pushes repeat (the same field of the same base, in every function that names it), and
 * a hit takes neither the hash of the whole sequence nor the lock. */
#define PUSH_MEMO 1024
struct push_memo {
    unsigned generation;     /* of ops_generation when filled; 0 empty */
    unsigned n;
    const struct ct_op *prefix;
    struct ct_op op;
    const struct ct_op *result;
};
static _Thread_local struct push_memo push_memo[PUSH_MEMO];

void ct_path_push(struct ct_path *p, struct ct_op op)
{
    if (p->nops == 0 || p->nops >= CT_PATH_MAX_OPS) {
        ct_path_append(p, &op, 1);
        return;
    }
    unsigned long long h = (unsigned long long)(uintptr_t)p->ops * 0x9e3779b97f4a7c15ULL;
    h ^= ((unsigned long long)(uintptr_t)op.field + p->nops * 8u + (unsigned)op.kind * 2u +
          op.first) * 0xff51afd7ed558ccdULL;
    h ^= (unsigned long long)(uintptr_t)op.record * 0xc4ceb9fe1a85ec53ULL;
    struct push_memo *m = &push_memo[(h >> 32) & (PUSH_MEMO - 1)];
    unsigned gen = atomic_load_explicit(&ops_generation, memory_order_relaxed);
    if (m->generation == gen && m->prefix == p->ops && m->n == p->nops &&
        m->op.kind == op.kind && m->op.first == op.first && m->op.field == op.field &&
        m->op.record == op.record) {
        p->ops = m->result;
        p->nops++;
        return;
    }
    const struct ct_op *prefix = p->ops;
    unsigned n = p->nops;
    ct_path_append(p, &op, 1);
    if (p->nops == n + 1) {
        m->generation = gen;
        m->n = n;
        m->prefix = prefix;
        m->op = op;
        m->result = p->ops;
    }
}

void ct_path_set_ops(struct ct_path *p, const struct ct_op *ops, unsigned n)
{
    p->nops = 0;
    p->ops = NULL;
    ct_path_append(p, ops, n);
}

bool ct_path_last_field(const struct ct_path *p, const char **record, const char **field)
{
    for (unsigned i = p->nops; i-- > 0;) {
        if (p->ops[i].kind == CT_OP_FIELD) {
            *record = p->ops[i].record;
            *field = p->ops[i].field;
            return true;
        }
    }
    return false;
}

/* Appends S to BUF (SIZE bytes, *LEN used), truncating. */
static void buf_add(char *buf, size_t size, size_t *len, const char *s)
{
    size_t n = strlen(s);
    if (*len + 1 >= size)
        return;
    if (n > size - 1 - *len)
        n = size - 1 - *len;
    memcpy(buf + *len, s, n);
    *len += n;
    buf[*len] = '\0';
}

char *ct_path_format(const struct ct_path *p, char *buf, size_t size)
{
    size_t len = 0;
    char tmp[32];
    unsigned i = 0, lead = 0;

    if (size == 0)
        return buf;
    buf[0] = '\0';
    /* A leading run of derefs not followed by a field prints as '*' prefixes. */
    while (lead < p->nops && p->ops[lead].kind == CT_OP_DEREF &&
           !(lead + 1 < p->nops && p->ops[lead + 1].kind == CT_OP_FIELD))
        lead++;
    for (unsigned k = 0; k < lead; k++)
        buf_add(buf, size, &len, "*");
    switch (p->base) {
    case CT_BASE_NONE:
        buf_add(buf, size, &len, "?");
        break;
    case CT_BASE_THIS:
        buf_add(buf, size, &len, "this");
        break;
    case CT_BASE_PARAM:
        if (p->name && p->name[0]) {
            buf_add(buf, size, &len, p->name);
        } else {
            snprintf(tmp, sizeof(tmp), "$%d", p->index);
            buf_add(buf, size, &len, tmp);
        }
        break;
    default:
        buf_add(buf, size, &len, p->name ? p->name : (p->key ? p->key : "?"));
        break;
    }
    for (i = lead; i < p->nops; i++) {
        const struct ct_op *op = &p->ops[i];
        if (op->kind == CT_OP_DEREF && i + 1 < p->nops && p->ops[i + 1].kind == CT_OP_FIELD) {
            buf_add(buf, size, &len, "->");
            buf_add(buf, size, &len, p->ops[i + 1].field);
            i++;
        } else if (op->kind == CT_OP_DEREF) {
            buf_add(buf, size, &len, "[0]");
        } else if (op->kind == CT_OP_FIELD) {
            buf_add(buf, size, &len, ".");
            buf_add(buf, size, &len, op->field);
        } else {
            buf_add(buf, size, &len, "[]");
        }
    }
    if (p->truncated)
        buf_add(buf, size, &len, "...");
    return buf;
}

static void format_value(const struct ct_value *v, char *buf, size_t size)
{
    char path[256];
    switch (v->kind) {
    case CT_VAL_UNKNOWN:
        snprintf(buf, size, "?");
        break;
    case CT_VAL_LOAD:
        snprintf(buf, size, "%s", ct_path_format(&v->path, path, sizeof(path)));
        break;
    case CT_VAL_ADDR:
        snprintf(buf, size, "&%s", ct_path_format(&v->path, path, sizeof(path)));
        break;
    case CT_VAL_FUNC:
        snprintf(buf, size, "fn:%s", v->func_name ? v->func_name : "?");
        break;
    case CT_VAL_RESULT:
        snprintf(buf, size, "result#%d", v->call);
        break;
    case CT_VAL_CONST:
        snprintf(buf, size, "%lld", v->const_value);
        break;
    }
}

void ct_tu_facts_dump(const struct ct_tu_facts *facts, ct_write_fn write, void *out)
{
    char line[2048], a[512], b[512];

    snprintf(line, sizeof(line), "tu %s: %zu functions\n", facts->file, facts->nfunctions);
    write(line, out);
    for (size_t fi = 0; fi < facts->nfunctions; fi++) {
        const struct ct_function *f = &facts->functions[fi];
        if (!f->is_definition)
            continue;
        snprintf(line, sizeof(line), "function %s (%s) %s:%u %s params=%u%s%s%s%s\n", f->name,
                 f->usr, f->loc.file, f->loc.line,
                 f->linkage == CT_LINK_EXTERNAL ? "external" : "internal", f->nparams,
                 f->closure_of ? " closure-of=" : "", f->closure_of ? f->closure_of : "",
                 f->noverrides ? " overrides=" : "", f->noverrides ? f->overrides[0] : "");
        write(line, out);
        for (unsigned i = 0; i < f->nannotations; i++) {
            snprintf(line, sizeof(line), "  annotate %s\n", f->annotations[i].text);
            write(line, out);
        }
        for (unsigned i = 0; i < f->ninsns; i++) {
            const struct ct_insn *in = &f->insns[i];
            switch (in->kind) {
            case CT_I_CALL: {
                const struct ct_call *c = &f->calls[in->call];
                size_t len = 0;
                a[0] = '\0';
                for (unsigned k = 0; k < c->nargs; k++) {
                    format_value(&c->args[k], b, sizeof(b));
                    len += (size_t)snprintf(a + len, sizeof(a) - len, "%s%s", k ? ", " : "", b);
                    if (len >= sizeof(a))
                        break;
                }
                if (c->callee_name) {
                    snprintf(b, sizeof(b), "%s", c->callee_name);
                } else {
                    char v[256];
                    format_value(&c->callee_value, v, sizeof(v));
                    snprintf(b, sizeof(b), "(*%s)", v);
                }
                snprintf(line, sizeof(line), "  %u: call#%d %s(%s)%s%s%s%s%s @%u:%u\n", i, in->call,
                         b, a, c->result_used ? " used" : "", c->moves ? " moves" : "",
                         c->implicit ? " implicit" : "", c->owner ? " owner:" : "",
                         c->owner ? c->owner : "", c->loc.line, c->loc.col);
                break;
            }
            case CT_I_STORE:
                ct_path_format(&in->dst, a, sizeof(a));
                format_value(&in->src, b, sizeof(b));
                snprintf(line, sizeof(line), "  %u: store %s = %s\n", i, a, b);
                break;
            case CT_I_JUMP:
                snprintf(line, sizeof(line), "  %u: jump %u\n", i, in->targets[0]);
                break;
            case CT_I_BRANCH:
                if (in->guard_call >= 0) {
                    snprintf(line, sizeof(line), "  %u: branch %u %u guard call#%d zero-on-%s\n",
                             i, in->targets[0], in->targets[1], in->guard_call,
                             in->guard_zero_on_true ? "true" : "false");
                } else if (in->null_test) {
                    ct_path_format(in->null_test, a, sizeof(a));
                    snprintf(line, sizeof(line), "  %u: branch %u %u null-test %s null-on-%s\n", i,
                             in->targets[0], in->targets[1], a,
                             in->null_on_true ? "true" : "false");
                } else
                    snprintf(line, sizeof(line), "  %u: branch %u %u\n", i, in->targets[0],
                             in->targets[1]);
                break;
            case CT_I_SWITCH: {
                size_t len = 0;
                a[0] = '\0';
                for (unsigned k = 0; k < in->ntargets && len < sizeof(a); k++)
                    len += (size_t)snprintf(a + len, sizeof(a) - len, " %u", in->targets[k]);
                snprintf(line, sizeof(line), "  %u: switch%s\n", i, a);
                break;
            }
            case CT_I_RETURN:
                snprintf(line, sizeof(line), "  %u: return\n", i);
                break;
            case CT_I_SUSPEND:
                format_value(&in->src, b, sizeof(b));
                snprintf(line, sizeof(line), "  %u: suspend %s (%s) @%u:%u\n", i, b,
                         in->awaitable ? in->awaitable : "?", in->loc.line, in->loc.col);
                break;
            }
            write(line, out);
        }
    }
}
