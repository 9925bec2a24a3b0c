/* check_facts.c - unit tests of analyzer/facts.c: access paths (equality, hashing, pushing past
 * CT_PATH_MAX_OPS, interned op sequences, formatting, the last field), the per-TU arena, the
 * facts record's lifecycle and the --dump=facts writer on a hand-built function. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "facts.h"

/* ---- helpers ---- */

static struct ct_op op_deref(void)
{
    struct ct_op op = {.kind = CT_OP_DEREF};
    return op;
}

static struct ct_op op_index(void)
{
    struct ct_op op = {.kind = CT_OP_INDEX};
    return op;
}

static struct ct_op op_field(const char *record, const char *field)
{
    struct ct_op op = {.kind = CT_OP_FIELD, .field = ct_intern(field), .record = ct_intern(record)};
    return op;
}

static struct ct_path path_param(int index, const char *name)
{
    struct ct_path p;
    memset(&p, 0, sizeof(p));
    p.base = CT_BASE_PARAM;
    p.index = index;
    p.name = ct_intern(name);
    return p;
}

/* A global or local: KEY is interned like the frontend's USR / unique name. */
static struct ct_path path_var(enum ct_base_kind base, const char *key, const char *name)
{
    struct ct_path p;
    memset(&p, 0, sizeof(p));
    p.base = base;
    p.key = ct_intern(key);
    p.name = ct_intern(name);
    return p;
}

/* `ctx->mu` with ctx parameter 0. */
static struct ct_path ctx_mu(void)
{
    struct ct_path p = path_param(0, "ctx");
    ct_path_push(&p, op_deref());
    ct_path_push(&p, op_field("struct worker_ctx", "mu"));
    return p;
}

/* P with its op I replaced by OP (a path's ops are interned: never written in place). */
static void set_op(struct ct_path *p, unsigned i, struct ct_op op)
{
    struct ct_op ops[CT_PATH_MAX_OPS];
    memcpy(ops, p->ops, p->nops * sizeof(ops[0]));
    ops[i] = op;
    ct_path_set_ops(p, ops, p->nops);
}

/* P with the record of its field op I set to RECORD (NULL: a field reached through a lost type). */
static void set_record(struct ct_path *p, unsigned i, const char *record)
{
    struct ct_op op = p->ops[i];
    op.record = record ? ct_intern(record) : NULL;
    set_op(p, i, op);
}

static const char *fmt(const struct ct_path *p)
{
    static char buf[256];
    return ct_path_format(p, buf, sizeof(buf));
}

/* A ct_write_fn collecting everything written into one malloc'd string. */
struct sink {
    char *text;
    size_t len;
};

static int sink_write(const char *text, void *out)
{
    struct sink *s = out;
    size_t n = strlen(text);
    char *t = realloc(s->text, s->len + n + 1);
    ck_assert_ptr_nonnull(t);
    memcpy(t + s->len, text, n + 1);
    s->text = t;
    s->len += n;
    return 0;
}

/* ---- paths: equality and hashing ---- */

START_TEST(test_path_equal_and_hash_agree_on_the_same_storage)
{
    struct ct_path a = ctx_mu(), b = ctx_mu();

    b.name = ct_intern("other_spelling"); /* the spelling is for messages only */
    ck_assert(ct_path_equal(&a, &b));
    ck_assert(ct_path_equal(&b, &a));
    ck_assert_uint_eq(ct_path_hash(&a), ct_path_hash(&b));
}
END_TEST

START_TEST(test_path_equal_ignores_a_missing_record_and_hash_still_agrees)
{
    struct ct_path a = ctx_mu(), b = ctx_mu();

    set_record(&b, 1, NULL); /* a field reached through a lost type */
    ck_assert(ct_path_equal(&a, &b));
    ck_assert_uint_eq(ct_path_hash(&a), ct_path_hash(&b));

    set_record(&b, 1, "struct other");
    ck_assert(!ct_path_equal(&a, &b));
}
END_TEST

START_TEST(test_path_equal_tells_bases_indices_keys_ops_and_fields_apart)
{
    struct ct_path a = ctx_mu(), b;

    b = ctx_mu();
    b.index = 1;
    ck_assert(!ct_path_equal(&a, &b));
    ck_assert_uint_ne(ct_path_hash(&a), ct_path_hash(&b));

    b = ctx_mu();
    set_op(&b, 1, op_field("struct worker_ctx", "cond"));
    ck_assert(!ct_path_equal(&a, &b));
    ck_assert_uint_ne(ct_path_hash(&a), ct_path_hash(&b));

    b = ctx_mu();
    b.nops = 1;
    ck_assert(!ct_path_equal(&a, &b));

    b = ctx_mu();
    set_op(&b, 0, op_index());
    ck_assert(!ct_path_equal(&a, &b));
    ck_assert_uint_ne(ct_path_hash(&a), ct_path_hash(&b));

    struct ct_path g1 = path_var(CT_BASE_GLOBAL, "c:@g_lock", "g_lock");
    struct ct_path g2 = path_var(CT_BASE_GLOBAL, "c:@g_other", "g_lock");
    struct ct_path l1 = path_var(CT_BASE_LOCAL, "c:@g_lock", "g_lock");
    ck_assert(!ct_path_equal(&g1, &g2));
    ck_assert_uint_ne(ct_path_hash(&g1), ct_path_hash(&g2));
    ck_assert(!ct_path_equal(&g1, &l1));
    ck_assert_uint_ne(ct_path_hash(&g1), ct_path_hash(&l1));
    g2 = path_var(CT_BASE_GLOBAL, "c:@g_lock", "spelled_differently");
    ck_assert(ct_path_equal(&g1, &g2));
    ck_assert_uint_eq(ct_path_hash(&g1), ct_path_hash(&g2));
}
END_TEST

START_TEST(test_path_equal_never_holds_for_pathless_values)
{
    struct ct_path a, b;

    memset(&a, 0, sizeof(a));
    memset(&b, 0, sizeof(b));
    a.base = b.base = CT_BASE_NONE;
    ck_assert(!ct_path_equal(&a, &b));
    ck_assert(!ct_path_equal(&a, &a));
}
END_TEST

START_TEST(test_path_hash_ignores_the_field_record_like_equality_does)
{
    /* ct_path_equal treats a NULL record as matching any: the hash must not depend on it. */
    struct ct_path a = ctx_mu(), b = ctx_mu();

    set_record(&b, 1, "struct worker_ctx_alias");
    set_record(&a, 1, NULL);
    ck_assert(ct_path_equal(&a, &b));
    ck_assert_uint_eq(ct_path_hash(&a), ct_path_hash(&b));
}
END_TEST

/* ---- paths: pushing ---- */

START_TEST(test_path_push_appends_up_to_max_ops_without_truncating)
{
    struct ct_path p = path_param(0, "node");

    for (int i = 0; i < CT_PATH_MAX_OPS; i++)
        ct_path_push(&p, i % 2 ? op_field("struct node", "next") : op_deref());
    ck_assert_uint_eq(p.nops, CT_PATH_MAX_OPS);
    ck_assert(!p.truncated);
    ck_assert_int_eq(p.ops[CT_PATH_MAX_OPS - 1].kind, CT_OP_FIELD);
}
END_TEST

START_TEST(test_path_push_truncation_past_max_ops_keeps_the_first_ops)
{
    struct ct_path p = path_param(0, "node");

    for (int i = 0; i < CT_PATH_MAX_OPS; i++)
        ct_path_push(&p, op_deref());
    ct_path_push(&p, op_field("struct node", "mu"));
    ct_path_push(&p, op_index());
    ck_assert_uint_eq(p.nops, CT_PATH_MAX_OPS);
    ck_assert(p.truncated);
    for (unsigned i = 0; i < p.nops; i++)
        ck_assert_int_eq(p.ops[i].kind, CT_OP_DEREF);
}
END_TEST

START_TEST(test_path_ops_are_interned_shared_and_never_written)
{
    /* the same ops reached by pushes, by an append and by a decoder's set_ops share one
     * sequence; a push onto a shortened path leaves the longer one as it was */
    struct ct_path a = ctx_mu(), b = ctx_mu(), c = path_param(1, "other");
    struct ct_op ops[2] = {op_deref(), op_field("struct worker_ctx", "mu")};

    ck_assert_ptr_eq(a.ops, b.ops);
    ct_path_append(&c, ops, 2);
    ck_assert_ptr_eq(c.ops, a.ops);
    ct_path_set_ops(&c, ops, 2);
    ck_assert_ptr_eq(c.ops, a.ops);
    ck_assert_ptr_eq(ct_ops_intern(ops, 2), a.ops);
    ck_assert_ptr_null(ct_ops_intern(ops, 0));

    b.nops = 1;
    ct_path_push(&b, op_field("struct worker_ctx", "cond"));
    ck_assert_ptr_ne(b.ops, a.ops);
    ck_assert_str_eq(fmt(&b), "ctx->cond");
    ck_assert_str_eq(fmt(&a), "ctx->mu");
    b.nops = 1;
    ct_path_push(&b, op_field("struct worker_ctx", "mu")); /* the memo's answer, again */
    ck_assert_ptr_eq(b.ops, a.ops);
}
END_TEST

START_TEST(test_path_set_ops_past_max_ops_truncates)
{
    struct ct_op ops[CT_PATH_MAX_OPS + 2];
    struct ct_path p = path_param(0, "node");

    for (unsigned i = 0; i < CT_PATH_MAX_OPS + 2; i++)
        ops[i] = op_deref();
    ct_path_set_ops(&p, ops, CT_PATH_MAX_OPS + 2);
    ck_assert_uint_eq(p.nops, CT_PATH_MAX_OPS);
    ck_assert(p.truncated);
    ct_path_set_ops(&p, NULL, 0);
    ck_assert_uint_eq(p.nops, 0);
    ck_assert_ptr_null(p.ops);
}
END_TEST

/* ---- paths: formatting ---- */

START_TEST(test_path_format_arrow_field)
{
    struct ct_path p = ctx_mu();
    ck_assert_str_eq(fmt(&p), "ctx->mu");
}
END_TEST

START_TEST(test_path_format_global_dot_field)
{
    struct ct_path p = path_var(CT_BASE_GLOBAL, "c:@g_pool", "g_pool");
    ct_path_push(&p, op_field("struct pool", "mu"));
    ck_assert_str_eq(fmt(&p), "g_pool.mu");
}
END_TEST

START_TEST(test_path_format_array_element_field)
{
    struct ct_path p = path_var(CT_BASE_LOCAL, "items@12:5", "items");
    ct_path_push(&p, op_index());
    ct_path_push(&p, op_field("struct job", "arg"));
    ck_assert_str_eq(fmt(&p), "items[].arg");
}
END_TEST

START_TEST(test_path_format_leading_deref_as_star)
{
    struct ct_path p = path_param(0, "p");
    ct_path_push(&p, op_deref());
    ck_assert_str_eq(fmt(&p), "*p");

    struct ct_path pp = path_param(0, "pp");
    ct_path_push(&pp, op_deref());
    ct_path_push(&pp, op_deref());
    ck_assert_str_eq(fmt(&pp), "**pp");

    /* a deref that is not the leading run prints as [0] */
    struct ct_path q = path_param(0, "q");
    ct_path_push(&q, op_deref());
    ct_path_push(&q, op_field("struct s", "next"));
    ct_path_push(&q, op_deref());
    ck_assert_str_eq(fmt(&q), "q->next[0]");
}
END_TEST

START_TEST(test_path_format_unnamed_param_as_dollar_index)
{
    struct ct_path p = path_param(0, "");
    ck_assert_str_eq(fmt(&p), "$0");
    ct_path_push(&p, op_deref());
    ct_path_push(&p, op_field("struct session", "mu"));
    ck_assert_str_eq(fmt(&p), "$0->mu");

    struct ct_path q = path_param(2, "x");
    q.name = NULL;
    ck_assert_str_eq(fmt(&q), "$2");
}
END_TEST

START_TEST(test_path_format_of_a_pathless_value_and_this)
{
    struct ct_path p;
    memset(&p, 0, sizeof(p));
    p.base = CT_BASE_NONE;
    ck_assert_str_eq(fmt(&p), "?");
    ct_path_push(&p, op_deref());
    ct_path_push(&p, op_field("struct session", "mu"));
    ck_assert_str_eq(fmt(&p), "?->mu");

    struct ct_path t;
    memset(&t, 0, sizeof(t));
    t.base = CT_BASE_THIS;
    ct_path_push(&t, op_deref());
    ct_path_push(&t, op_field("class conn", "mu_"));
    ck_assert_str_eq(fmt(&t), "this->mu_");
}
END_TEST

START_TEST(test_path_format_global_without_name_falls_back_to_key)
{
    struct ct_path p = path_var(CT_BASE_GLOBAL, "c:@g_lock", "x");
    p.name = NULL;
    ck_assert_str_eq(fmt(&p), "c:@g_lock");
}
END_TEST

START_TEST(test_path_format_marks_a_truncated_path)
{
    struct ct_path p = path_param(0, "n");

    for (int i = 0; i < CT_PATH_MAX_OPS / 2 + 1; i++) {
        ct_path_push(&p, op_deref());
        ct_path_push(&p, op_field("struct node", "next"));
    }
    ck_assert(p.truncated);
    ck_assert_str_eq(fmt(&p), "n->next->next->next->next...");
}
END_TEST

START_TEST(test_path_format_fits_any_buffer_and_terminates_it)
{
    struct ct_path p = ctx_mu();
    char small[5];
    char one[1] = {'x'};
    char guard[16];

    memset(guard, 'Z', sizeof(guard));
    ck_assert_ptr_eq(ct_path_format(&p, guard, 5), guard);
    ck_assert_str_eq(guard, "ctx-");
    ck_assert_int_eq(guard[5], 'Z'); /* nothing written past SIZE */

    ck_assert_str_eq(ct_path_format(&p, small, sizeof(small)), "ctx-");
    ck_assert_str_eq(ct_path_format(&p, one, sizeof(one)), "");
    ck_assert_ptr_eq(ct_path_format(&p, one, 0), one); /* SIZE 0: nothing at all */
}
END_TEST

/* ---- paths: the last field ---- */

START_TEST(test_path_last_field_gives_the_innermost_field)
{
    struct ct_path p = path_param(0, "pool");
    const char *record = NULL, *field = NULL;

    ct_path_push(&p, op_deref());
    ct_path_push(&p, op_field("struct pool", "workers"));
    ct_path_push(&p, op_index());
    ct_path_push(&p, op_field("struct worker", "mu"));
    ct_path_push(&p, op_index());
    ck_assert(ct_path_last_field(&p, &record, &field));
    ck_assert_ptr_eq(record, ct_intern("struct worker"));
    ck_assert_ptr_eq(field, ct_intern("mu"));
}
END_TEST

START_TEST(test_path_last_field_is_false_without_a_field)
{
    struct ct_path p = path_param(0, "p");
    const char *record = "untouched", *field = "untouched";

    ck_assert(!ct_path_last_field(&p, &record, &field));
    ct_path_push(&p, op_deref());
    ct_path_push(&p, op_index());
    ck_assert(!ct_path_last_field(&p, &record, &field));
    ck_assert_str_eq(record, "untouched");
    ck_assert_str_eq(field, "untouched");
}
END_TEST

/* ---- arena and facts lifecycle ---- */

START_TEST(test_arena_alloc_returns_zeroed_aligned_distinct_memory)
{
    struct ct_arena *a = ct_arena_new();
    unsigned char *blocks[200];
    size_t sizes[200];

    ck_assert_ptr_nonnull(a);
    for (int i = 0; i < 200; i++) {
        sizes[i] = (size_t)(i * 37 % 1000);
        blocks[i] = ct_arena_alloc(a, sizes[i]);
        ck_assert_ptr_nonnull(blocks[i]);
        ck_assert_uint_eq((uintptr_t)blocks[i] % 16, 0);
        for (size_t k = 0; k < sizes[i]; k++)
            ck_assert_uint_eq(blocks[i][k], 0);
        memset(blocks[i], i + 1, sizes[i]);
    }
    /* no allocation overlapped another: each still holds its own byte */
    for (int i = 0; i < 200; i++)
        for (size_t k = 0; k < sizes[i]; k++)
            ck_assert_uint_eq(blocks[i][k], (unsigned char)(i + 1));
    ct_arena_free(a);
}
END_TEST

START_TEST(test_arena_alloc_serves_a_request_larger_than_a_block)
{
    struct ct_arena *a = ct_arena_new();
    size_t big = 3 * 65536 + 5;
    unsigned char *small = ct_arena_alloc(a, 24);
    unsigned char *p = ct_arena_alloc(a, big);
    unsigned char *after = ct_arena_alloc(a, 24);

    ck_assert_ptr_nonnull(small);
    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_nonnull(after);
    for (size_t i = 0; i < big; i++)
        ck_assert_uint_eq(p[i], 0);
    memset(p, 0xee, big); /* the whole request is usable (ASan would object) */
    memset(small, 1, 24);
    memset(after, 2, 24);
    ck_assert_uint_eq(p[0], 0xee);
    ck_assert_uint_eq(p[big - 1], 0xee);
    ct_arena_free(a);
}
END_TEST

START_TEST(test_arena_alloc_of_zero_bytes_gives_a_distinct_pointer)
{
    struct ct_arena *a = ct_arena_new();
    void *x = ct_arena_alloc(a, 0), *y = ct_arena_alloc(a, 0);

    ck_assert_ptr_nonnull(x);
    ck_assert_ptr_nonnull(y);
    ck_assert_ptr_ne(x, y);
    ct_arena_free(a);
    ct_arena_free(NULL);
}
END_TEST

START_TEST(test_tu_facts_new_interns_the_file_and_starts_empty)
{
    char file[] = "src/session_pool.c";
    struct ct_tu_facts *f = ct_tu_facts_new(file);

    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_eq(f->file, ct_intern("src/session_pool.c"));
    file[0] = 'X'; /* not aliased */
    ck_assert_str_eq(f->file, "src/session_pool.c");
    ck_assert_uint_eq(f->nfunctions, 0);
    ck_assert_uint_eq(f->ninit_stores, 0);
    ck_assert_uint_eq(f->nerrors, 0);
    ck_assert_ptr_null(f->errors);
    ck_assert_ptr_nonnull(f->arena);
    /* its arena is usable, and freed with it */
    ck_assert_ptr_nonnull(ct_arena_alloc(f->arena, 100));
    ct_tu_facts_free(f);
    ct_tu_facts_free(NULL);
}
END_TEST

START_TEST(test_tu_facts_free_frees_the_malloced_errors_too)
{
    struct ct_tu_facts *f = ct_tu_facts_new("a.c");

    ck_assert_ptr_nonnull(f);
    f->errors = calloc(2, sizeof(*f->errors)); /* LSan in `make check SANITIZE=1` sees a leak */
    ck_assert_ptr_nonnull(f->errors);
    f->nerrors = 2;
    f->errors[0].message = ct_intern("expected ';' after expression");
    ct_tu_facts_free(f);
}
END_TEST

/* ---- the dump ---- */

/* Fills F (in FACTS's arena) with a function lowered from:
 *
 *   static void session_close(struct session *s, void (*cb)(void *))   // line 10
 *   {
 *       struct session *t = s;                                     // 0: store
 *       if (pthread_mutex_trylock(&s->mu) == 0) {                   // 1: call, 2: branch
 *           s->ops->unlock(s, 7);                                   // 3: call (indirect)
 *           goto out;                                               // 4: jump
 *       }
 *       switch (s->state) { case 1: ... default: ... }              // 5: switch
 *       pthread_create(NULL, NULL, worker_main, &g_pool.mu);        // 6: call (result unused)
 *   out:
 *       return;                                                     // 7: return
 *   }
 */
static void build_session_close(struct ct_tu_facts *facts, struct ct_function *f)
{
    struct ct_arena *a = facts->arena;
    struct ct_call *calls;
    struct ct_insn *in;
    struct ct_path s = path_param(0, "s");

    memset(f, 0, sizeof(*f));
    f->usr = ct_intern("c:session.c@F@session_close");
    f->name = ct_intern("session_close");
    f->linkage = CT_LINK_INTERNAL;
    f->is_definition = true;
    f->loc.file = ct_intern("src/session.c");
    f->loc.line = 10;
    f->loc.col = 13;
    f->nparams = 2;
    f->params = ct_arena_alloc(a, 2 * sizeof(*f->params));
    f->params[0].name = ct_intern("s");
    f->params[1].name = ct_intern("cb");
    f->params[1].is_func_ptr = true;
    f->nannotations = 1;
    f->annotations = ct_arena_alloc(a, sizeof(*f->annotations));
    f->annotations[0].text = ct_intern("crosstask::exit:pthread-mutex");

    f->ncalls = 3;
    f->calls = calls = ct_arena_alloc(a, 3 * sizeof(*calls));
    calls[0].callee_usr = ct_intern("c:@F@pthread_mutex_trylock");
    calls[0].callee_name = ct_intern("pthread_mutex_trylock");
    calls[0].nargs = 1;
    calls[0].args = ct_arena_alloc(a, sizeof(struct ct_value));
    calls[0].args[0].kind = CT_VAL_ADDR;
    calls[0].args[0].path = s;
    ct_path_push(&calls[0].args[0].path, op_deref());
    ct_path_push(&calls[0].args[0].path, op_field("struct session", "mu"));
    calls[0].result_used = true;
    calls[0].loc = (struct ct_loc){ct_intern("src/session.c"), 13, 9};

    calls[1].callee_value.kind = CT_VAL_LOAD;
    calls[1].callee_value.path = s;
    ct_path_push(&calls[1].callee_value.path, op_deref());
    ct_path_push(&calls[1].callee_value.path, op_field("struct session", "ops"));
    ct_path_push(&calls[1].callee_value.path, op_deref());
    ct_path_push(&calls[1].callee_value.path, op_field("struct lock_ops", "unlock"));
    calls[1].nargs = 2;
    calls[1].args = ct_arena_alloc(a, 2 * sizeof(struct ct_value));
    calls[1].args[0].kind = CT_VAL_LOAD;
    calls[1].args[0].path = s;
    calls[1].args[1].kind = CT_VAL_CONST;
    calls[1].args[1].const_value = 7;
    calls[1].loc = (struct ct_loc){ct_intern("src/session.c"), 14, 9};

    calls[2].callee_usr = ct_intern("c:@F@pthread_create");
    calls[2].callee_name = ct_intern("pthread_create");
    calls[2].nargs = 4;
    calls[2].args = ct_arena_alloc(a, 4 * sizeof(struct ct_value));
    calls[2].args[0].kind = CT_VAL_UNKNOWN;
    calls[2].args[1].kind = CT_VAL_RESULT;
    calls[2].args[1].call = 0;
    calls[2].args[2].kind = CT_VAL_FUNC;
    calls[2].args[2].func = ct_intern("c:session.c@F@worker_main");
    calls[2].args[2].func_name = ct_intern("worker_main");
    calls[2].args[3].kind = CT_VAL_ADDR;
    calls[2].args[3].path = path_var(CT_BASE_GLOBAL, "c:@g_pool", "g_pool");
    ct_path_push(&calls[2].args[3].path, op_field("struct pool", "mu"));
    calls[2].loc = (struct ct_loc){ct_intern("src/session.c"), 19, 5};

    f->ninsns = 8;
    f->insns = in = ct_arena_alloc(a, 8 * sizeof(*in));
    for (int i = 0; i < 8; i++) {
        in[i].call = -1;
        in[i].guard_call = -1;
    }
    in[0].kind = CT_I_STORE;
    in[0].dst = path_var(CT_BASE_LOCAL, "t@12:21", "t");
    in[0].src.kind = CT_VAL_LOAD;
    in[0].src.path = s;
    in[1].kind = CT_I_CALL;
    in[1].call = 0;
    in[2].kind = CT_I_BRANCH;
    in[2].ntargets = 2;
    in[2].targets = ct_arena_alloc(a, 2 * sizeof(unsigned));
    in[2].targets[0] = 3;
    in[2].targets[1] = 5;
    in[2].guard_call = 0;
    in[2].guard_zero_on_true = true;
    in[3].kind = CT_I_CALL;
    in[3].call = 1;
    in[4].kind = CT_I_JUMP;
    in[4].ntargets = 1;
    in[4].targets = ct_arena_alloc(a, sizeof(unsigned));
    in[4].targets[0] = 7;
    in[5].kind = CT_I_SWITCH;
    in[5].ntargets = 2;
    in[5].targets = ct_arena_alloc(a, 2 * sizeof(unsigned));
    in[5].targets[0] = 6;
    in[5].targets[1] = 7;
    in[6].kind = CT_I_CALL;
    in[6].call = 2;
    in[7].kind = CT_I_RETURN;
}

START_TEST(test_dump_writes_the_expected_lines_for_a_hand_built_function)
{
    struct ct_tu_facts *facts = ct_tu_facts_new("src/session.c");
    struct sink out = {NULL, 0};

    ck_assert_ptr_nonnull(facts);
    facts->nfunctions = 2;
    facts->functions = ct_arena_alloc(facts->arena, 2 * sizeof(*facts->functions));
    build_session_close(facts, &facts->functions[0]);
    /* a declaration the TU references: not dumped */
    facts->functions[1].usr = ct_intern("c:@F@pthread_mutex_unlock");
    facts->functions[1].name = ct_intern("pthread_mutex_unlock");
    facts->functions[1].linkage = CT_LINK_EXTERNAL;

    ct_tu_facts_dump(facts, sink_write, &out);
    ck_assert_ptr_nonnull(out.text);
    ck_assert_str_eq(out.text,
                     "tu src/session.c: 2 functions\n"
                     "function session_close (c:session.c@F@session_close) src/session.c:10 "
                     "internal params=2\n"
                     "  annotate crosstask::exit:pthread-mutex\n"
                     "  0: store t = s\n"
                     "  1: call#0 pthread_mutex_trylock(&s->mu) used @13:9\n"
                     "  2: branch 3 5 guard call#0 zero-on-true\n"
                     "  3: call#1 (*s->ops->unlock)(s, 7) @14:9\n"
                     "  4: jump 7\n"
                     "  5: switch 6 7\n"
                     "  6: call#2 pthread_create(?, result#0, fn:worker_main, &g_pool.mu) @19:5\n"
                     "  7: return\n");
    free(out.text);
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_keep_copies_what_it_keeps_into_an_exact_arena_and_dumps_the_same)
{
    /* a function kept alone, copied into an arena reserved to its exact size: every array it
     * points to is copied (the old arena is freed: ASan sees a stale pointer), and nothing
     * more than that size is needed */
    struct ct_tu_facts *facts = ct_tu_facts_new("src/session.c");
    struct sink before = {NULL, 0}, after = {NULL, 0};
    bool keep[2] = {true, false};

    facts->nfunctions = 2;
    facts->functions = ct_arena_alloc(facts->arena, 2 * sizeof(*facts->functions));
    build_session_close(facts, &facts->functions[0]);
    build_session_close(facts, &facts->functions[1]);
    facts->functions[1].usr = ct_intern("c:session.c@F@session_close_copy");
    facts->nfunctions = 1;
    ct_tu_facts_dump(facts, sink_write, &before);
    facts->nfunctions = 2;
    ck_assert_int_eq(ct_tu_facts_keep(facts, keep), 0);
    ck_assert_uint_eq(facts->nfunctions, 1);
    ct_tu_facts_dump(facts, sink_write, &after);
    ck_assert_str_eq(after.text, before.text);
    ck_assert_int_eq(ct_arena_reserve(facts->arena, 0), 0);
    free(before.text);
    free(after.text);
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_dump_of_empty_facts_is_the_header_line_only)
{
    struct ct_tu_facts *facts = ct_tu_facts_new("empty.c");
    struct sink out = {NULL, 0};

    ct_tu_facts_dump(facts, sink_write, &out);
    ck_assert_str_eq(out.text, "tu empty.c: 0 functions\n");
    free(out.text);
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_dump_names_the_guard_sense_and_an_unguarded_branch)
{
    struct ct_tu_facts *facts = ct_tu_facts_new("src/session.c");
    struct sink out = {NULL, 0};
    struct ct_insn *br;

    facts->nfunctions = 1;
    facts->functions = ct_arena_alloc(facts->arena, sizeof(*facts->functions));
    build_session_close(facts, &facts->functions[0]);
    facts->functions[0].linkage = CT_LINK_EXTERNAL;
    br = &facts->functions[0].insns[2];
    br->guard_zero_on_true = false; /* if (pthread_mutex_trylock(&s->mu)) */
    ct_tu_facts_dump(facts, sink_write, &out);
    ck_assert_ptr_nonnull(strstr(out.text, "\n  2: branch 3 5 guard call#0 zero-on-false\n"));
    ck_assert_ptr_nonnull(strstr(out.text, "src/session.c:10 external params=2\n"));
    free(out.text);

    out.text = NULL;
    out.len = 0;
    br->guard_call = -1;
    ct_tu_facts_dump(facts, sink_write, &out);
    ck_assert_ptr_nonnull(strstr(out.text, "\n  2: branch 3 5\n"));
    free(out.text);
    ct_tu_facts_free(facts);
}
END_TEST

Suite *facts_suite(void)
{
    Suite *s = suite_create("facts");
    TCase *paths = tcase_create("paths");
    TCase *format = tcase_create("format");
    TCase *storage = tcase_create("storage");
    TCase *dump = tcase_create("dump");

    tcase_add_test(paths, test_path_equal_and_hash_agree_on_the_same_storage);
    tcase_add_test(paths, test_path_equal_ignores_a_missing_record_and_hash_still_agrees);
    tcase_add_test(paths, test_path_equal_tells_bases_indices_keys_ops_and_fields_apart);
    tcase_add_test(paths, test_path_equal_never_holds_for_pathless_values);
    tcase_add_test(paths, test_path_hash_ignores_the_field_record_like_equality_does);
    tcase_add_test(paths, test_path_push_appends_up_to_max_ops_without_truncating);
    tcase_add_test(paths, test_path_push_truncation_past_max_ops_keeps_the_first_ops);
    tcase_add_test(paths, test_path_ops_are_interned_shared_and_never_written);
    tcase_add_test(paths, test_path_set_ops_past_max_ops_truncates);
    tcase_add_test(paths, test_path_last_field_gives_the_innermost_field);
    tcase_add_test(paths, test_path_last_field_is_false_without_a_field);
    suite_add_tcase(s, paths);

    tcase_add_test(format, test_path_format_arrow_field);
    tcase_add_test(format, test_path_format_global_dot_field);
    tcase_add_test(format, test_path_format_array_element_field);
    tcase_add_test(format, test_path_format_leading_deref_as_star);
    tcase_add_test(format, test_path_format_unnamed_param_as_dollar_index);
    tcase_add_test(format, test_path_format_of_a_pathless_value_and_this);
    tcase_add_test(format, test_path_format_global_without_name_falls_back_to_key);
    tcase_add_test(format, test_path_format_marks_a_truncated_path);
    tcase_add_test(format, test_path_format_fits_any_buffer_and_terminates_it);
    suite_add_tcase(s, format);

    tcase_add_test(storage, test_arena_alloc_returns_zeroed_aligned_distinct_memory);
    tcase_add_test(storage, test_arena_alloc_serves_a_request_larger_than_a_block);
    tcase_add_test(storage, test_arena_alloc_of_zero_bytes_gives_a_distinct_pointer);
    tcase_add_test(storage, test_tu_facts_new_interns_the_file_and_starts_empty);
    tcase_add_test(storage, test_tu_facts_free_frees_the_malloced_errors_too);
    suite_add_tcase(s, storage);

    tcase_add_test(dump, test_dump_writes_the_expected_lines_for_a_hand_built_function);
    tcase_add_test(dump, test_dump_of_empty_facts_is_the_header_line_only);
    tcase_add_test(dump, test_keep_copies_what_it_keeps_into_an_exact_arena_and_dumps_the_same);
    tcase_add_test(dump, test_dump_names_the_guard_sense_and_an_unguarded_branch);
    suite_add_tcase(s, dump);
    return s;
}
