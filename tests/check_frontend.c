/* check_frontend.c - unit tests of analyzer/frontend_c.c: small C sources written to a temporary
 * directory, parsed with ct_frontend_parse (-std=c11 -pthread), and the facts checked: calls and
 * their arguments as access paths, stores, function values, indirect calls, trylock guards,
 * control flow, static initialisers, whether a result is used; bad inputs (missing, a directory,
 * binary, syntax errors, missing headers, empty) and very large or deeply nested ones. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "suites.h"
#include "frontend.h"

static const char *const flags[] = {"-std=c11", "-pthread"};
#define NFLAGS ((int)(sizeof(flags) / sizeof(flags[0])))

/* ---- helpers ---- */

/* A temporary directory under /tmp holding at most one source file. */
struct tmpsrc {
    char dir[64];
    char path[128];
};

static void tmp_make_dir(struct tmpsrc *t)
{
    snprintf(t->dir, sizeof(t->dir), "/tmp/ct_frontend_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(t->dir));
    t->path[0] = '\0';
}

/* Writes LEN bytes of TEXT to NAME in a new temporary directory. */
static void tmp_write(struct tmpsrc *t, const char *name, const char *text, size_t len)
{
    FILE *fp;

    tmp_make_dir(t);
    snprintf(t->path, sizeof(t->path), "%s/%s", t->dir, name);
    fp = fopen(t->path, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(text, 1, len, fp), len);
    ck_assert_int_eq(fclose(fp), 0);
}

static void tmp_remove(struct tmpsrc *t)
{
    if (t->path[0])
        unlink(t->path);
    rmdir(t->dir);
}

/* Parses the file at PATH; ERR may be NULL. */
static int parse_path(const char *path, struct ct_tu_facts **out, struct ct_error *err)
{
    struct ct_frontend *fe = ct_frontend_new();
    int rc;

    ck_assert_ptr_nonnull(fe);
    rc = ct_frontend_parse(fe, path, flags, NFLAGS, out, err);
    ct_frontend_free(fe);
    return rc;
}

/* Writes TEXT as NAME to a temporary directory, parses it and removes the directory again (the
 * facts' strings are interned, so they outlive the file). Returns the parse's result code. */
static int parse_text_rc(const char *name, const char *text, struct ct_tu_facts **out,
                         struct ct_error *err)
{
    struct tmpsrc t;
    int rc;

    tmp_write(&t, name, text, strlen(text));
    rc = parse_path(t.path, out, err);
    tmp_remove(&t);
    return rc;
}

/* parse_text_rc that must succeed; returns new facts (free with ct_tu_facts_free()). */
static struct ct_tu_facts *parse_text(const char *text)
{
    struct ct_tu_facts *facts = NULL;
    struct ct_error err = {0};
    int rc = parse_text_rc("unit.c", text, &facts, &err);

    ck_assert_msg(rc == 0, "parse failed: %s: %s", ct_strerror(rc), err.msg);
    ck_assert_ptr_nonnull(facts);
    return facts;
}

/* The definition (or, failing that, the declaration) of function NAME. */
static const struct ct_function *find_fn(const struct ct_tu_facts *facts, const char *name)
{
    const struct ct_function *decl = NULL;
    for (size_t i = 0; i < facts->nfunctions; i++) {
        const struct ct_function *f = &facts->functions[i];
        if (strcmp(f->name, name) != 0)
            continue;
        if (f->is_definition)
            return f;
        decl = f;
    }
    ck_assert_msg(decl != NULL, "no function '%s' in the facts", name);
    return decl;
}

/* The index of the NTH (0-based) direct call of F to CALLEE, asserting there is one. */
static int find_call(const struct ct_function *f, const char *callee, unsigned nth)
{
    for (unsigned i = 0; i < f->ncalls; i++)
        if (f->calls[i].callee_name && strcmp(f->calls[i].callee_name, callee) == 0 && nth-- == 0)
            return (int)i;
    ck_assert_msg(0, "%s: no call to %s", f->name, callee);
    return -1;
}

/* The instruction that performs call CALL of F. */
static unsigned insn_of_call(const struct ct_function *f, int call)
{
    for (unsigned i = 0; i < f->ninsns; i++)
        if (f->insns[i].kind == CT_I_CALL && f->insns[i].call == call)
            return i;
    ck_assert_msg(0, "%s: no instruction for call#%d", f->name, call);
    return 0;
}

/* The instruction of the call `step(K)` in F (the argument is the constant K). */
static unsigned step_insn(const struct ct_function *f, long long k)
{
    for (unsigned i = 0; i < f->ncalls; i++) {
        const struct ct_call *c = &f->calls[i];
        if (c->callee_name && strcmp(c->callee_name, "step") == 0 && c->nargs == 1 &&
            c->args[0].kind == CT_VAL_CONST && c->args[0].const_value == k)
            return insn_of_call(f, (int)i);
    }
    ck_assert_msg(0, "%s: no call step(%lld)", f->name, k);
    return 0;
}

/* The first branch instruction of F at or after instruction FROM. */
static const struct ct_insn *branch_after(const struct ct_function *f, unsigned from)
{
    for (unsigned i = from; i < f->ninsns; i++)
        if (f->insns[i].kind == CT_I_BRANCH)
            return &f->insns[i];
    ck_assert_msg(0, "%s: no branch after %u", f->name, from);
    return NULL;
}

/* The 1-based line of TEXT holding MARKER. */
static unsigned line_of(const char *text, const char *marker)
{
    const char *at = strstr(text, marker);
    unsigned line = 1;

    ck_assert_msg(at != NULL, "marker %s not in the source", marker);
    for (const char *p = text; p < at; p++)
        line += *p == '\n';
    return line;
}

/* Every jump, branch and switch target of F is an instruction of F, and F ends in a return. */
static void assert_targets_in_range(const struct ct_function *f)
{
    ck_assert_uint_gt(f->ninsns, 0);
    ck_assert_int_eq(f->insns[f->ninsns - 1].kind, CT_I_RETURN);
    for (unsigned i = 0; i < f->ninsns; i++) {
        const struct ct_insn *in = &f->insns[i];
        if (in->kind == CT_I_JUMP)
            ck_assert_uint_eq(in->ntargets, 1);
        if (in->kind == CT_I_BRANCH)
            ck_assert_uint_eq(in->ntargets, 2);
        if (in->kind == CT_I_JUMP || in->kind == CT_I_BRANCH || in->kind == CT_I_SWITCH) {
            ck_assert_uint_ge(in->ntargets, 1);
            ck_assert_ptr_nonnull(in->targets);
            for (unsigned k = 0; k < in->ntargets; k++)
                ck_assert_msg(in->targets[k] < f->ninsns, "%s: insn %u target %u of %u",
                              f->name, i, in->targets[k], f->ninsns);
        }
        if (in->kind == CT_I_CALL)
            ck_assert_uint_lt((unsigned)in->call, f->ncalls);
    }
}

#define SESSION_DECLS                                                                          \
    "#include <pthread.h>\n"                                                                   \
    "#include <stddef.h>\n"                                                                    \
    "struct session {\n"                                                                       \
    "    pthread_mutex_t mu;\n"                                                                \
    "    int id;\n"                                                                            \
    "};\n"

/* ---- calls and access paths ---- */

START_TEST(test_call_arg_through_a_param_pointer_is_addr_of_param_deref_field)
{
    const char *src = SESSION_DECLS
        "void session_lock(struct session *s)\n"
        "{\n"
        "    pthread_mutex_lock(&s->mu); /* LOCK */\n"
        "}\n";
    struct ct_tu_facts *facts = parse_text(src);
    const struct ct_function *f = find_fn(facts, "session_lock");
    const struct ct_call *c = &f->calls[find_call(f, "pthread_mutex_lock", 0)];
    const struct ct_path *p = &c->args[0].path;

    ck_assert(f->is_definition);
    ck_assert_int_eq(f->linkage, CT_LINK_EXTERNAL);
    ck_assert_uint_eq(f->nparams, 1);
    ck_assert_str_eq(f->params[0].name, "s");
    ck_assert(!f->params[0].is_func_ptr);
    ck_assert_ptr_eq(c->callee_name, ct_intern("pthread_mutex_lock"));
    ck_assert_ptr_nonnull(c->callee_usr);
    ck_assert_uint_eq(c->nargs, 1);
    ck_assert_int_eq(c->args[0].kind, CT_VAL_ADDR);
    ck_assert_int_eq(p->base, CT_BASE_PARAM);
    ck_assert_int_eq(p->index, 0);
    ck_assert_str_eq(p->name, "s");
    ck_assert_uint_eq(p->nops, 2);
    ck_assert(!p->truncated);
    ck_assert_int_eq(p->ops[0].kind, CT_OP_DEREF);
    ck_assert_int_eq(p->ops[1].kind, CT_OP_FIELD);
    ck_assert_ptr_eq(p->ops[1].field, ct_intern("mu"));
    ck_assert_str_eq(p->ops[1].record, "struct session");
    ck_assert_str_eq(c->args[0].text, "&s->mu");
    ck_assert_uint_eq(c->loc.line, line_of(src, "/* LOCK */"));
    ck_assert_uint_eq(c->loc.col, 5);
    ck_assert_ptr_nonnull(strstr(c->loc.file, "/unit.c"));
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_call_arg_of_a_global_is_addr_of_the_global_keyed_by_usr)
{
    const char *src = SESSION_DECLS
        "static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;\n"
        "void take(void) { pthread_mutex_lock(&g_lock); }\n"
        "void drop(void) { pthread_mutex_unlock(&g_lock); }\n";
    struct ct_tu_facts *facts = parse_text(src);
    const struct ct_function *take = find_fn(facts, "take"), *drop = find_fn(facts, "drop");
    const struct ct_value *a = &take->calls[find_call(take, "pthread_mutex_lock", 0)].args[0];
    const struct ct_value *b = &drop->calls[find_call(drop, "pthread_mutex_unlock", 0)].args[0];

    ck_assert_int_eq(a->kind, CT_VAL_ADDR);
    ck_assert_int_eq(a->path.base, CT_BASE_GLOBAL);
    ck_assert_str_eq(a->path.name, "g_lock");
    ck_assert_uint_eq(a->path.nops, 0);
    ck_assert_ptr_nonnull(a->path.key);
    ck_assert_str_ne(a->path.key, "");
    /* the same global in two functions is the same storage */
    ck_assert(ct_path_equal(&a->path, &b->path));
    ck_assert_ptr_eq(a->path.key, b->path.key);
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_call_arg_of_a_local_struct_field_is_addr_of_local_field)
{
    const char *src = SESSION_DECLS
        "int main(void)\n"
        "{\n"
        "    struct session sess;\n"
        "    struct session other;\n"
        "    pthread_mutex_lock(&sess.mu);\n"
        "    pthread_mutex_lock(&other.mu);\n"
        "    return sess.id;\n"
        "}\n";
    struct ct_tu_facts *facts = parse_text(src);
    const struct ct_function *f = find_fn(facts, "main");
    const struct ct_value *a = &f->calls[find_call(f, "pthread_mutex_lock", 0)].args[0];
    const struct ct_value *b = &f->calls[find_call(f, "pthread_mutex_lock", 1)].args[0];

    ck_assert_int_eq(a->kind, CT_VAL_ADDR);
    ck_assert_int_eq(a->path.base, CT_BASE_LOCAL);
    ck_assert_str_eq(a->path.name, "sess");
    ck_assert_ptr_nonnull(a->path.key);
    ck_assert_uint_eq(a->path.nops, 1);
    ck_assert_int_eq(a->path.ops[0].kind, CT_OP_FIELD);
    ck_assert_str_eq(a->path.ops[0].field, "mu");
    ck_assert_str_eq(a->path.ops[0].record, "struct session");
    /* two locals are two storages */
    ck_assert_str_eq(b->path.name, "other");
    ck_assert_ptr_ne(a->path.key, b->path.key);
    ck_assert(!ct_path_equal(&a->path, &b->path));
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_local_initialised_from_a_param_is_a_store_of_the_param)
{
    const char *src = SESSION_DECLS
        "void *session_worker(void *arg)\n"
        "{\n"
        "    struct session *s = arg;\n"
        "    pthread_mutex_unlock(&s->mu);\n"
        "    return NULL;\n"
        "}\n";
    struct ct_tu_facts *facts = parse_text(src);
    const struct ct_function *f = find_fn(facts, "session_worker");
    const struct ct_insn *st = &f->insns[0];
    const struct ct_value *arg = &f->calls[find_call(f, "pthread_mutex_unlock", 0)].args[0];

    ck_assert_int_eq(st->kind, CT_I_STORE);
    ck_assert_int_eq(st->dst.base, CT_BASE_LOCAL);
    ck_assert_str_eq(st->dst.name, "s");
    ck_assert_uint_eq(st->dst.nops, 0);
    ck_assert_int_eq(st->src.kind, CT_VAL_LOAD);
    ck_assert_int_eq(st->src.path.base, CT_BASE_PARAM);
    ck_assert_int_eq(st->src.path.index, 0);
    ck_assert_str_eq(st->src.path.name, "arg");
    ck_assert_uint_eq(st->src.path.nops, 0);
    /* the unlock reads through the same local */
    ck_assert_int_eq(arg->kind, CT_VAL_ADDR);
    ck_assert_int_eq(arg->path.base, CT_BASE_LOCAL);
    ck_assert_ptr_eq(arg->path.key, st->dst.key);
    ck_assert_uint_eq(arg->path.nops, 2);
    ck_assert_int_eq(arg->path.ops[0].kind, CT_OP_DEREF);
    ck_assert_str_eq(arg->path.ops[1].field, "mu");
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_function_designator_argument_is_a_function_value)
{
    const char *src = SESSION_DECLS
        "static void *worker_main(void *arg) { return arg; }\n"
        "int main(void)\n"
        "{\n"
        "    pthread_t a, b;\n"
        "    pthread_create(&a, NULL, worker_main, NULL);\n"
        "    pthread_create(&b, NULL, &worker_main, NULL);\n"
        "    return 0;\n"
        "}\n";
    struct ct_tu_facts *facts = parse_text(src);
    const struct ct_function *m = find_fn(facts, "main"), *w = find_fn(facts, "worker_main");

    for (unsigned k = 0; k < 2; k++) {
        const struct ct_call *c = &m->calls[find_call(m, "pthread_create", k)];
        ck_assert_uint_eq(c->nargs, 4);
        ck_assert_int_eq(c->args[2].kind, CT_VAL_FUNC);
        ck_assert_ptr_eq(c->args[2].func, w->usr);
        ck_assert_str_eq(c->args[2].func_name, "worker_main");
        ck_assert_int_eq(c->args[0].kind, CT_VAL_ADDR);
        ck_assert_int_eq(c->args[0].path.base, CT_BASE_LOCAL);
    }
    ck_assert_int_eq(w->linkage, CT_LINK_INTERNAL);
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_indirect_call_through_a_field_has_no_usr_and_a_load_of_the_field)
{
    const char *src = SESSION_DECLS
        "struct lock_ops {\n"
        "    void (*lock)(struct session *s);\n"
        "    void (*unlock)(struct session *s);\n"
        "};\n"
        "void session_close(const struct lock_ops *ops, struct session *s,\n"
        "                   void (*done)(struct session *))\n"
        "{\n"
        "    ops->unlock(s);\n"
        "    (*done)(s);\n"
        "}\n";
    struct ct_tu_facts *facts = parse_text(src);
    const struct ct_function *f = find_fn(facts, "session_close");
    const struct ct_call *c;

    ck_assert_uint_eq(f->ncalls, 2);
    ck_assert(f->params[2].is_func_ptr);
    ck_assert(!f->params[0].is_func_ptr);
    c = &f->calls[0];
    ck_assert_ptr_null(c->callee_usr);
    ck_assert_ptr_null(c->callee_name);
    ck_assert_int_eq(c->callee_value.kind, CT_VAL_LOAD);
    ck_assert_int_eq(c->callee_value.path.base, CT_BASE_PARAM);
    ck_assert_int_eq(c->callee_value.path.index, 0);
    ck_assert_uint_eq(c->callee_value.path.nops, 2);
    ck_assert_int_eq(c->callee_value.path.ops[0].kind, CT_OP_DEREF);
    ck_assert_int_eq(c->callee_value.path.ops[1].kind, CT_OP_FIELD);
    ck_assert_str_eq(c->callee_value.path.ops[1].field, "unlock");
    ck_assert_str_eq(c->callee_value.path.ops[1].record, "struct lock_ops");
    ck_assert_uint_eq(c->nargs, 1);
    ck_assert_int_eq(c->args[0].kind, CT_VAL_LOAD);
    ck_assert_int_eq(c->args[0].path.index, 1);
    /* (*done)(s) calls the parameter itself */
    c = &f->calls[1];
    ck_assert_ptr_null(c->callee_usr);
    ck_assert_int_eq(c->callee_value.kind, CT_VAL_LOAD);
    ck_assert_int_eq(c->callee_value.path.base, CT_BASE_PARAM);
    ck_assert_int_eq(c->callee_value.path.index, 2);
    ck_assert_uint_eq(c->callee_value.path.nops, 0);
    ct_tu_facts_free(facts);
}
END_TEST

/* ---- trylock guards ---- */

static const char guards_src[] = SESSION_DECLS
    "static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;\n"
    "int try_eq_zero(void)\n"
    "{\n"
    "    if (pthread_mutex_trylock(&m) == 0) {\n"
    "        pthread_mutex_unlock(&m);\n"
    "        return 1;\n"
    "    }\n"
    "    return 0;\n"
    "}\n"
    "int try_bare(void)\n"
    "{\n"
    "    if (pthread_mutex_trylock(&m))\n"
    "        return 0;\n"
    "    pthread_mutex_unlock(&m);\n"
    "    return 1;\n"
    "}\n"
    "int try_via_local(void)\n"
    "{\n"
    "    int rc = pthread_mutex_trylock(&m);\n"
    "    if (rc != 0)\n"
    "        return 0;\n"
    "    pthread_mutex_unlock(&m);\n"
    "    return 1;\n"
    "}\n"
    "int try_negated(void)\n"
    "{\n"
    "    if (!pthread_mutex_trylock(&m)) {\n"
    "        pthread_mutex_unlock(&m);\n"
    "        return 1;\n"
    "    }\n"
    "    return 0;\n"
    "}\n"
    "int try_assigned_in_condition(void)\n"
    "{\n"
    "    int rc;\n"
    "    if ((rc = pthread_mutex_trylock(&m)) == 0)\n"
    "        pthread_mutex_unlock(&m);\n"
    "    return rc;\n"
    "}\n"
    "int try_zero_first(void)\n"
    "{\n"
    "    if (0 != pthread_mutex_trylock(&m))\n"
    "        return 0;\n"
    "    pthread_mutex_unlock(&m);\n"
    "    return 1;\n"
    "}\n"
    "int unguarded(int n)\n"
    "{\n"
    "    if (n > 3)\n"
    "        pthread_mutex_unlock(&m);\n"
    "    return n;\n"
    "}\n";

/* The branch testing FN's trylock: asserts it is guarded by that call, returns zero-on-true. */
static bool guard_of(const struct ct_tu_facts *facts, const char *fn)
{
    const struct ct_function *f = find_fn(facts, fn);
    int call = find_call(f, "pthread_mutex_trylock", 0);
    const struct ct_insn *br = branch_after(f, insn_of_call(f, call));

    ck_assert_msg(br->guard_call == call, "%s: guard_call %d, want %d", fn, br->guard_call, call);
    return br->guard_zero_on_true;
}

START_TEST(test_branch_on_trylock_eq_zero_is_guarded_zero_on_true)
{
    struct ct_tu_facts *facts = parse_text(guards_src);
    ck_assert(guard_of(facts, "try_eq_zero"));
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_branch_on_bare_trylock_is_guarded_zero_on_false)
{
    struct ct_tu_facts *facts = parse_text(guards_src);
    ck_assert(!guard_of(facts, "try_bare"));
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_branch_on_a_local_holding_trylock_result_is_guarded)
{
    struct ct_tu_facts *facts = parse_text(guards_src);
    const struct ct_function *f = find_fn(facts, "try_via_local");
    const struct ct_call *c = &f->calls[find_call(f, "pthread_mutex_trylock", 0)];

    ck_assert(!guard_of(facts, "try_via_local"));
    ck_assert(c->result_used);
    ck_assert_int_eq(c->result_to.base, CT_BASE_LOCAL);
    ck_assert_str_eq(c->result_to.name, "rc");
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_branch_on_negated_assigned_or_reversed_trylock_is_guarded)
{
    struct ct_tu_facts *facts = parse_text(guards_src);
    ck_assert(guard_of(facts, "try_negated"));
    ck_assert(guard_of(facts, "try_assigned_in_condition"));
    ck_assert(!guard_of(facts, "try_zero_first"));
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_branch_on_an_ordinary_condition_has_no_guard)
{
    struct ct_tu_facts *facts = parse_text(guards_src);
    const struct ct_function *f = find_fn(facts, "unguarded");
    const struct ct_insn *br = branch_after(f, 0);

    ck_assert_int_eq(br->guard_call, -1);
    ct_tu_facts_free(facts);
}
END_TEST

/* ---- control flow ---- */

static const char flow_src[] =
    "int cond(void);\n"
    "void step(int k);\n"
    "void flow(int n)\n"
    "{\n"
    "    int i;\n"
    "    while (cond())\n"
    "        step(1);\n"
    "    for (i = 0; i < n; i++) {\n"
    "        if (i == 2)\n"
    "            continue;\n"
    "        if (i == 5)\n"
    "            break;\n"
    "        step(2);\n"
    "    }\n"
    "    do {\n"
    "        step(3);\n"
    "    } while (cond());\n"
    "    switch (n) {\n"
    "    case 1:\n"
    "        step(4);\n"
    "        break;\n"
    "    case 2:\n"
    "        step(5);\n"
    "        /* fall through */\n"
    "    default:\n"
    "        step(6);\n"
    "    }\n"
    "    if (n > 9)\n"
    "        goto out;\n"
    "    step(7);\n"
    "out:\n"
    "    step(8);\n"
    "}\n";

START_TEST(test_control_flow_targets_are_in_range)
{
    struct ct_tu_facts *facts = parse_text(flow_src);
    assert_targets_in_range(find_fn(facts, "flow"));
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_while_loop_branches_into_the_body_and_jumps_back_to_the_test)
{
    struct ct_tu_facts *facts = parse_text(flow_src);
    const struct ct_function *f = find_fn(facts, "flow");
    unsigned head = insn_of_call(f, find_call(f, "cond", 0));
    unsigned body = step_insn(f, 1);
    const struct ct_insn *br = branch_after(f, head);

    ck_assert_uint_eq(br->targets[0], body);
    ck_assert_int_eq(f->insns[body + 1].kind, CT_I_JUMP);
    ck_assert_uint_eq(f->insns[body + 1].targets[0], head);
    ck_assert_uint_eq(br->targets[1], body + 2); /* out of the loop */
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_for_loop_break_leaves_and_continue_goes_round_again)
{
    struct ct_tu_facts *facts = parse_text(flow_src);
    const struct ct_function *f = find_fn(facts, "flow");
    unsigned body2 = step_insn(f, 2), after_loop = step_insn(f, 3);
    /* the for test, then `i == 2` and `i == 5` */
    const struct ct_insn *test = branch_after(f, step_insn(f, 1) + 2);
    const struct ct_insn *is2 = branch_after(f, test->targets[0]);
    const struct ct_insn *is5 = branch_after(f, is2->targets[1]);
    const struct ct_insn *cont = &f->insns[is2->targets[0]];
    const struct ct_insn *brk = &f->insns[is5->targets[0]];
    unsigned back = cont->targets[0];

    ck_assert_uint_eq(test->targets[1], after_loop);
    ck_assert_int_eq(brk->kind, CT_I_JUMP);
    ck_assert_uint_eq(brk->targets[0], after_loop);
    ck_assert_uint_eq(is5->targets[1], body2);
    ck_assert_int_eq(cont->kind, CT_I_JUMP);
    ck_assert_uint_gt(back, body2);
    ck_assert_int_eq(f->insns[back].kind, CT_I_JUMP); /* the jump back to the test */
    ck_assert_uint_eq(f->insns[back].targets[0], (unsigned)(test - f->insns));
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_do_while_branches_back_to_the_body)
{
    struct ct_tu_facts *facts = parse_text(flow_src);
    const struct ct_function *f = find_fn(facts, "flow");
    unsigned body = step_insn(f, 3);
    unsigned test = insn_of_call(f, find_call(f, "cond", 1));
    const struct ct_insn *br = branch_after(f, test);

    ck_assert_uint_gt(test, body);
    ck_assert_uint_eq(br->targets[0], body);
    ck_assert_uint_eq(br->targets[1], (unsigned)(br - f->insns) + 1);
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_switch_targets_each_case_then_the_default_and_break_leaves)
{
    struct ct_tu_facts *facts = parse_text(flow_src);
    const struct ct_function *f = find_fn(facts, "flow");
    unsigned c1 = step_insn(f, 4), c2 = step_insn(f, 5), dflt = step_insn(f, 6);
    const struct ct_insn *sw = NULL;

    for (unsigned i = 0; i < f->ninsns; i++)
        if (f->insns[i].kind == CT_I_SWITCH)
            sw = &f->insns[i];
    ck_assert_ptr_nonnull(sw);
    ck_assert_uint_eq(sw->ntargets, 3);
    ck_assert_uint_eq(sw->targets[0], c1);
    ck_assert_uint_eq(sw->targets[1], c2);
    ck_assert_uint_eq(sw->targets[2], dflt);
    /* case 1's break jumps past the default; case 2 falls through into it */
    ck_assert_int_eq(f->insns[c1 + 1].kind, CT_I_JUMP);
    ck_assert_uint_eq(f->insns[c1 + 1].targets[0], dflt + 1);
    ck_assert_uint_eq(c2 + 1, dflt);
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_goto_jumps_to_the_label)
{
    struct ct_tu_facts *facts = parse_text(flow_src);
    const struct ct_function *f = find_fn(facts, "flow");
    unsigned s7 = step_insn(f, 7), s8 = step_insn(f, 8);
    const struct ct_insn *br = &f->insns[s7 - 2];

    ck_assert_int_eq(br->kind, CT_I_BRANCH);
    ck_assert_int_eq(f->insns[br->targets[0]].kind, CT_I_JUMP);
    ck_assert_uint_eq(f->insns[br->targets[0]].targets[0], s8);
    ck_assert_uint_eq(br->targets[1], s7);
    ck_assert_uint_eq(s8, s7 + 1);
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_early_return_and_goto_forward_stay_in_range)
{
    const char *src = SESSION_DECLS
        "int session_open(struct session *s, int fail)\n"
        "{\n"
        "    pthread_mutex_lock(&s->mu);\n"
        "    if (fail == 1)\n"
        "        goto unlock;\n"
        "    if (fail == 2) {\n"
        "        pthread_mutex_unlock(&s->mu);\n"
        "        return -1;\n"
        "    }\n"
        "    for (;;) {\n"
        "        if (s->id++ > 3)\n"
        "            break;\n"
        "    }\n"
        "unlock:\n"
        "    pthread_mutex_unlock(&s->mu);\n"
        "    return 0;\n"
        "}\n";
    struct ct_tu_facts *facts = parse_text(src);
    const struct ct_function *f = find_fn(facts, "session_open");
    unsigned first_unlock = insn_of_call(f, find_call(f, "pthread_mutex_unlock", 0));
    unsigned label = insn_of_call(f, find_call(f, "pthread_mutex_unlock", 1));
    unsigned returns = 0;

    assert_targets_in_range(f);
    ck_assert_int_eq(f->insns[first_unlock + 1].kind, CT_I_RETURN);
    for (unsigned i = 0; i < f->ninsns; i++) {
        returns += f->insns[i].kind == CT_I_RETURN;
        if (f->insns[i].kind == CT_I_JUMP && i < first_unlock)
            ck_assert_uint_eq(f->insns[i].targets[0], label); /* the goto */
    }
    ck_assert_uint_ge(returns, 2);
    ct_tu_facts_free(facts);
}
END_TEST

/* ---- static initialisers ---- */

START_TEST(test_static_global_designated_initialiser_gives_an_init_store)
{
    const char *src = SESSION_DECLS
        "struct lock_ops {\n"
        "    void (*lock)(struct session *s);\n"
        "    void (*unlock)(struct session *s);\n"
        "};\n"
        "static void session_lock(struct session *s) { pthread_mutex_lock(&s->mu); }\n"
        "static void session_unlock(struct session *s) { pthread_mutex_unlock(&s->mu); }\n"
        "static const struct lock_ops o = { .unlock = session_unlock };\n"
        "const struct lock_ops positional = { session_lock, session_unlock };\n"
        "static int g_count = 3;\n";
    struct ct_tu_facts *facts = parse_text(src);
    const struct ct_function *unlock = find_fn(facts, "session_unlock");
    const struct ct_function *lock = find_fn(facts, "session_lock");
    unsigned found_o = 0, found_pos_lock = 0, found_pos_unlock = 0;

    for (size_t i = 0; i < facts->ninit_stores; i++) {
        const struct ct_insn *in = &facts->init_stores[i];
        ck_assert_int_eq(in->kind, CT_I_STORE);
        ck_assert_int_eq(in->dst.base, CT_BASE_GLOBAL);
        ck_assert_uint_eq(in->dst.nops, 1);
        ck_assert_int_eq(in->dst.ops[0].kind, CT_OP_FIELD);
        ck_assert_str_eq(in->dst.ops[0].record, "struct lock_ops");
        ck_assert_int_eq(in->src.kind, CT_VAL_FUNC);
        if (strcmp(in->dst.name, "o") == 0) {
            found_o++;
            ck_assert_str_eq(in->dst.ops[0].field, "unlock");
            ck_assert_ptr_eq(in->src.func, unlock->usr);
            ck_assert_str_eq(in->src.func_name, "session_unlock");
        } else {
            ck_assert_str_eq(in->dst.name, "positional");
            if (strcmp(in->dst.ops[0].field, "lock") == 0) {
                found_pos_lock++;
                ck_assert_ptr_eq(in->src.func, lock->usr);
            } else {
                found_pos_unlock++;
                ck_assert_str_eq(in->dst.ops[0].field, "unlock");
                ck_assert_ptr_eq(in->src.func, unlock->usr);
            }
        }
    }
    ck_assert_uint_eq(found_o, 1);
    ck_assert_uint_eq(found_pos_lock, 1);
    ck_assert_uint_eq(found_pos_unlock, 1);
    ck_assert_uint_eq(facts->ninit_stores, 3); /* g_count = 3 stores no pointer */
    ct_tu_facts_free(facts);
}
END_TEST

/* ---- results ---- */

START_TEST(test_result_used_is_false_for_a_call_statement_and_true_when_assigned)
{
    const char *src =
        "int probe(void);\n"
        "int use(void)\n"
        "{\n"
        "    int x;\n"
        "    probe();\n"
        "    x = probe();\n"
        "    if (probe())\n"
        "        x++;\n"
        "    (void)probe();\n"
        "    return x + probe();\n"
        "}\n";
    struct ct_tu_facts *facts = parse_text(src);
    const struct ct_function *f = find_fn(facts, "use");

    ck_assert_uint_eq(f->ncalls, 5);
    ck_assert(!f->calls[0].result_used);
    ck_assert_int_eq(f->calls[0].result_to.base, CT_BASE_NONE);
    ck_assert(f->calls[1].result_used);
    ck_assert_int_eq(f->calls[1].result_to.base, CT_BASE_LOCAL);
    ck_assert_str_eq(f->calls[1].result_to.name, "x");
    ck_assert(f->calls[2].result_used);
    ck_assert_int_eq(f->calls[2].result_to.base, CT_BASE_NONE);
    ck_assert(!f->calls[3].result_used);
    ck_assert(f->calls[4].result_used);
    /* x = probe() stores an int: no pointer to follow, so no store instruction is emitted
     * (result_to above still says where the result went) */
    {
        unsigned at = insn_of_call(f, 1);
        ck_assert_int_ne(f->insns[at + 1].kind, CT_I_STORE);
    }
    ct_tu_facts_free(facts);
}
END_TEST

/* ---- what is lowered ---- */

START_TEST(test_only_functions_of_the_file_are_lowered_and_annotated_decls_kept)
{
    const char *src = SESSION_DECLS
        "#include <stdio.h>\n"
        "__attribute__((annotate(\"crosstask::exit:pthread-mutex\")))\n"
        "void session_release(struct session *s);\n"
        "void unrelated_decl(int);\n"
        "static void helper(void) { printf(\"x\\n\"); }\n"
        "int main(void) { helper(); return 0; }\n"
        /* a line marker with flag 3 says what follows comes from a system header */
        "# 1 \"/usr/include/fake_sys.h\" 3\n"
        "static inline int sys_helper(int x) { return x + 1; }\n";
    struct ct_tu_facts *facts = parse_text(src);
    const struct ct_function *rel = find_fn(facts, "session_release");

    ck_assert_uint_eq(facts->nfunctions, 3);
    ck_assert(!rel->is_definition);
    ck_assert_uint_eq(rel->nannotations, 1);
    ck_assert_str_eq(rel->annotations[0].text, "crosstask::exit:pthread-mutex");
    ck_assert(find_fn(facts, "helper")->is_definition);
    ck_assert_ptr_eq(find_fn(facts, "main")->calls[0].callee_usr, find_fn(facts, "helper")->usr);
    ck_assert_uint_eq(facts->nerrors, 0);
    ct_tu_facts_free(facts);
}
END_TEST

/* ---- bad inputs ---- */

START_TEST(test_missing_file_is_enoent)
{
    struct ct_tu_facts *facts = (struct ct_tu_facts *)&facts; /* must be reset to NULL */
    struct ct_error err = {0};
    const char *path = "/tmp/ct_frontend_no_such_dir/none.c";

    ck_assert_int_eq(parse_path(path, &facts, &err), CT_ENOENT);
    ck_assert_ptr_null(facts);
    ck_assert_int_eq(err.code, CT_ENOENT);
    ck_assert_ptr_eq(err.file, path);
    ck_assert_str_ne(err.msg, "");
}
END_TEST

START_TEST(test_directory_is_eisdir)
{
    struct tmpsrc t;
    struct ct_tu_facts *facts = NULL;
    struct ct_error err = {0};
    int rc;

    tmp_make_dir(&t);
    rc = parse_path(t.dir, &facts, &err);
    tmp_remove(&t);
    ck_assert_int_eq(rc, CT_EISDIR);
    ck_assert_ptr_null(facts);
    ck_assert_int_eq(err.code, CT_EISDIR);
}
END_TEST

START_TEST(test_file_with_nul_bytes_is_ebinary)
{
    static const char bytes[] = "int x;\n\0\0\x7f" "ELF int y;\n";
    struct tmpsrc t;
    struct ct_tu_facts *facts = NULL;
    struct ct_error err = {0};
    int rc;

    tmp_write(&t, "blob.c", bytes, sizeof(bytes) - 1);
    rc = parse_path(t.path, &facts, &err);
    tmp_remove(&t);
    ck_assert_int_eq(rc, CT_EBINARY);
    ck_assert_ptr_null(facts);
    ck_assert_int_eq(err.code, CT_EBINARY);
}
END_TEST

START_TEST(test_syntax_error_is_recorded_and_the_good_function_still_lowered)
{
    const char *src = SESSION_DECLS
        "static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;\n"
        "void broken(void)\n"
        "{\n"
        "    int x = ; /* BAD */\n"
        "}\n"
        "void good(void)\n"
        "{\n"
        "    pthread_mutex_lock(&g_lock);\n"
        "}\n";
    struct ct_tu_facts *facts = NULL;
    struct ct_error err = {0};
    const struct ct_function *good;

    ck_assert_int_eq(parse_text_rc("broken.c", src, &facts, &err), 0);
    ck_assert_ptr_nonnull(facts);
    ck_assert_uint_gt(facts->nerrors, 0);
    ck_assert_uint_eq(facts->errors[0].loc.line, line_of(src, "/* BAD */"));
    ck_assert_ptr_nonnull(strstr(facts->errors[0].loc.file, "broken.c"));
    ck_assert_str_ne(facts->errors[0].message, "");
    good = find_fn(facts, "good");
    ck_assert(good->is_definition);
    ck_assert_uint_eq(good->ncalls, 1);
    ck_assert_str_eq(good->calls[0].callee_name, "pthread_mutex_lock");
    ck_assert_int_eq(good->calls[0].args[0].path.base, CT_BASE_GLOBAL);
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_missing_include_is_an_error_at_the_include_line)
{
    const char *src =
        "#include <pthread.h>\n"
        "\n"
        "#include \"no_such_header.h\"\n"
        "\n"
        "static pthread_mutex_t g_lock;\n"
        "void good(void) { pthread_mutex_lock(&g_lock); }\n";
    struct ct_tu_facts *facts = NULL;
    struct ct_error err = {0};

    ck_assert_int_eq(parse_text_rc("inc.c", src, &facts, &err), 0);
    ck_assert_ptr_nonnull(facts);
    ck_assert_uint_eq(facts->nerrors, 1);
    ck_assert_uint_eq(facts->errors[0].loc.line, 3);
    ck_assert_ptr_nonnull(strstr(facts->errors[0].loc.file, "inc.c"));
    ck_assert_ptr_nonnull(strstr(facts->errors[0].message, "no_such_header.h"));
    ck_assert_uint_eq(find_fn(facts, "good")->ncalls, 1);
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_empty_file_has_no_functions_and_no_errors)
{
    struct ct_tu_facts *facts = NULL;
    struct ct_error err = {0};

    ck_assert_int_eq(parse_text_rc("empty.c", "", &facts, &err), 0);
    ck_assert_ptr_nonnull(facts);
    ck_assert_uint_eq(facts->nfunctions, 0);
    ck_assert_uint_eq(facts->ninit_stores, 0);
    ck_assert_uint_eq(facts->nerrors, 0);
    ck_assert_ptr_nonnull(strstr(facts->file, "empty.c"));
    ct_tu_facts_free(facts);
}
END_TEST

/* ---- size and depth ---- */

struct parse_job {
    const char *path;
    int rc;
    struct ct_tu_facts *facts;
    struct ct_error err;
};

static void *parse_job_run(void *arg)
{
    struct parse_job *job = arg;
    struct ct_frontend *fe = ct_frontend_new();

    if (!fe) {
        job->rc = CT_ENOMEM;
        return NULL;
    }
    job->rc = ct_frontend_parse(fe, job->path, flags, NFLAGS, &job->facts, &job->err);
    ct_frontend_free(fe);
    return NULL;
}

/* Parses TEXT on a thread with a 256 MiB stack, as the CLI's parse_all does. */
static struct ct_tu_facts *parse_text_big_stack(const char *text)
{
    struct tmpsrc t;
    struct parse_job job;
    pthread_attr_t attr;
    pthread_t tid;

    memset(&job, 0, sizeof(job));
    tmp_write(&t, "big.c", text, strlen(text));
    job.path = t.path;
    ck_assert_int_eq(pthread_attr_init(&attr), 0);
    ck_assert_int_eq(pthread_attr_setstacksize(&attr, (size_t)256 << 20), 0);
    ck_assert_int_eq(pthread_create(&tid, &attr, parse_job_run, &job), 0);
    pthread_attr_destroy(&attr);
    ck_assert_int_eq(pthread_join(tid, NULL), 0);
    tmp_remove(&t);
    ck_assert_msg(job.rc == 0, "parse failed: %s: %s", ct_strerror(job.rc), job.err.msg);
    ck_assert_ptr_nonnull(job.facts);
    return job.facts;
}

/* A growable string for generated sources. */
struct gen {
    char *s;
    size_t len, cap;
};

static void gen_add(struct gen *g, const char *text)
{
    size_t n = strlen(text);
    if (g->len + n + 1 > g->cap) {
        g->cap = (g->len + n + 1) * 2;
        g->s = realloc(g->s, g->cap);
        ck_assert_ptr_nonnull(g->s);
    }
    memcpy(g->s + g->len, text, n + 1);
    g->len += n;
}

START_TEST(test_3000_deep_nested_ifs_parse_without_a_crash)
{
    struct gen g = {NULL, 0, 0};
    char line[64];
    struct ct_tu_facts *facts;
    const struct ct_function *deep, *tail;

    gen_add(&g, "void before(void);\nvoid after(void);\nvoid leaf(void);\n"
                "void deep(int x)\n{\n    before();\n");
    for (int i = 0; i < 3000; i++) {
        snprintf(line, sizeof(line), "    if (x > %d)\n", i);
        gen_add(&g, line);
    }
    gen_add(&g, "        leaf();\n    after();\n}\n"
                "int tail(void)\n{\n    after();\n    return 0;\n}\n");
    facts = parse_text_big_stack(g.s);
    free(g.s);
    deep = find_fn(facts, "deep");
    tail = find_fn(facts, "tail");
    assert_targets_in_range(deep);
    assert_targets_in_range(tail);
    ck_assert_uint_eq(facts->nerrors, 0);
    /* the statements around the nest are lowered whatever is cut off inside it */
    (void)find_call(deep, "before", 0);
    (void)find_call(deep, "after", 0);
    ck_assert_uint_eq(tail->ncalls, 1);
    ct_tu_facts_free(facts);
}
END_TEST

START_TEST(test_20000_small_functions_in_one_file_parse)
{
    struct gen g = {NULL, 0, 0};
    char line[96];
    struct ct_tu_facts *facts;
    const struct ct_function *m;

    for (int i = 0; i < 20000; i++) {
        snprintf(line, sizeof(line), "static int f%d(int x) { return x + %d; }\n", i, i);
        gen_add(&g, line);
    }
    gen_add(&g, "int main(void) { return f0(1) + f19999(2); }\n");
    facts = parse_text_big_stack(g.s);
    free(g.s);
    ck_assert_uint_eq(facts->nfunctions, 20001);
    ck_assert_uint_eq(facts->nerrors, 0);
    m = find_fn(facts, "main");
    ck_assert_uint_eq(m->ncalls, 2);
    ck_assert_ptr_eq(m->calls[0].callee_usr, find_fn(facts, "f0")->usr);
    ck_assert_ptr_eq(m->calls[1].callee_usr, find_fn(facts, "f19999")->usr);
    ck_assert_str_eq(facts->functions[12345].name, "f12345");
    ck_assert_uint_eq(facts->functions[12345].loc.line, 12346);
    ct_tu_facts_free(facts);
}
END_TEST

Suite *frontend_suite(void)
{
    Suite *s = suite_create("frontend");
    TCase *paths = tcase_create("paths");
    TCase *guards = tcase_create("guards");
    TCase *flow = tcase_create("flow");
    TCase *inputs = tcase_create("inputs");
    TCase *scale = tcase_create("scale");

    tcase_add_test(paths, test_call_arg_through_a_param_pointer_is_addr_of_param_deref_field);
    tcase_add_test(paths, test_call_arg_of_a_global_is_addr_of_the_global_keyed_by_usr);
    tcase_add_test(paths, test_call_arg_of_a_local_struct_field_is_addr_of_local_field);
    tcase_add_test(paths, test_local_initialised_from_a_param_is_a_store_of_the_param);
    tcase_add_test(paths, test_function_designator_argument_is_a_function_value);
    tcase_add_test(paths, test_indirect_call_through_a_field_has_no_usr_and_a_load_of_the_field);
    tcase_add_test(paths, test_static_global_designated_initialiser_gives_an_init_store);
    tcase_add_test(paths, test_result_used_is_false_for_a_call_statement_and_true_when_assigned);
    tcase_add_test(paths, test_only_functions_of_the_file_are_lowered_and_annotated_decls_kept);
    tcase_set_timeout(paths, 30);
    suite_add_tcase(s, paths);

    tcase_add_test(guards, test_branch_on_trylock_eq_zero_is_guarded_zero_on_true);
    tcase_add_test(guards, test_branch_on_bare_trylock_is_guarded_zero_on_false);
    tcase_add_test(guards, test_branch_on_a_local_holding_trylock_result_is_guarded);
    tcase_add_test(guards, test_branch_on_negated_assigned_or_reversed_trylock_is_guarded);
    tcase_add_test(guards, test_branch_on_an_ordinary_condition_has_no_guard);
    tcase_set_timeout(guards, 30);
    suite_add_tcase(s, guards);

    tcase_add_test(flow, test_control_flow_targets_are_in_range);
    tcase_add_test(flow, test_while_loop_branches_into_the_body_and_jumps_back_to_the_test);
    tcase_add_test(flow, test_for_loop_break_leaves_and_continue_goes_round_again);
    tcase_add_test(flow, test_do_while_branches_back_to_the_body);
    tcase_add_test(flow, test_switch_targets_each_case_then_the_default_and_break_leaves);
    tcase_add_test(flow, test_goto_jumps_to_the_label);
    tcase_add_test(flow, test_early_return_and_goto_forward_stay_in_range);
    tcase_set_timeout(flow, 30);
    suite_add_tcase(s, flow);

    tcase_add_test(inputs, test_missing_file_is_enoent);
    tcase_add_test(inputs, test_directory_is_eisdir);
    tcase_add_test(inputs, test_file_with_nul_bytes_is_ebinary);
    tcase_add_test(inputs, test_syntax_error_is_recorded_and_the_good_function_still_lowered);
    tcase_add_test(inputs, test_missing_include_is_an_error_at_the_include_line);
    tcase_add_test(inputs, test_empty_file_has_no_functions_and_no_errors);
    tcase_set_timeout(inputs, 30);
    suite_add_tcase(s, inputs);

    tcase_add_test(scale, test_3000_deep_nested_ifs_parse_without_a_crash);
    tcase_add_test(scale, test_20000_small_functions_in_one_file_parse);
    tcase_set_timeout(scale, 300);
    suite_add_tcase(s, scale);
    return s;
}
