/* check_rules.c - unit tests of analyzer/rules.c: the built-in packs load and say what they
 * should; every invalid form of a pack is refused with the file, the line:col or key path and
 * what is wrong, and leaves the caller's rules exactly as they were; lookups find what was loaded.
 *
 * Inline packs are written with ' for " (see quoted()) so they stay readable.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules.h"
#include "suites.h"

/* ---- helpers ---- */

/* Returns a new copy of TEXT with every ' turned into "; free with free(). */
static char *quoted(const char *text)
{
    char *s = strdup(text);
    ck_assert_ptr_nonnull(s);
    for (char *p = s; *p; p++)
        if (*p == '\'')
            *p = '"';
    return s;
}

/* Loads the single-quoted pack QTEXT as NAME. */
static int load_q(struct ct_rules *rules, const char *qtext, const char *name,
                  struct ct_error *err)
{
    char *text = quoted(qtext);
    int rc = ct_rules_load_text(rules, text, strlen(text), name, err);
    free(text);
    return rc;
}

/* SRCDIR/REL in a static buffer. */
static const char *src_path(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof(buf), "%s/%s", ct_test_srcdir, rel);
    return buf;
}

/* The top-level keys every test pack needs. */
#define HEAD "'schema_version': 1, 'summary': 'a test pack', 'see': 'https://example.com/api'"
#define PACK(body) "{'pack': 'p', " HEAD body "}"
#define CALL(name) "{'call': '" name "', 'resource': 0}"
#define SCOPE(kind) \
    "{'kind': '" kind "', 'summary': 's', 'affinity': 'thread', 'enter': [" CALL(kind "_enter") \
    "], 'exit': [" CALL(kind "_exit") "]}"
#define EDGE(call) \
    "{'call': '" call "', 'kind': 'spawn', 'function': 0, 'runs_on': 'new-thread', 'summary': 's'}"
#define TERM(call) "{'call': '" call "', 'kind': 'process', 'summary': 's'}"

/* What every refusal test loads first, to see that a failed load leaves it alone. */
static const char base_pack[] =
    "{'pack': 'base', " HEAD ", 'scopes': [" SCOPE("base-lock") "], 'edges': [" EDGE("base_spawn")
    "], 'terminators': [" TERM("base_exit") "]}";

/* A deep copy of a ct_rules, to compare with later. */
struct snapshot {
    struct ct_rules r;               /* arrays copied; scope enter/exit pointers as they were */
    struct ct_scope_call **enter;    /* copies of each scope's enter array */
    struct ct_scope_call **exit;     /* copies of each scope's exit array */
};

static void *dup_bytes(const void *p, size_t n)
{
    void *q = malloc(n ? n : 1);
    ck_assert_ptr_nonnull(q);
    if (n)
        memcpy(q, p, n);
    return q;
}

static void snapshot_take(struct snapshot *s, const struct ct_rules *r)
{
    s->r = *r;
    s->r.packs = dup_bytes(r->packs, r->npacks * sizeof(*r->packs));
    s->r.scopes = dup_bytes(r->scopes, r->nscopes * sizeof(*r->scopes));
    s->r.edges = dup_bytes(r->edges, r->nedges * sizeof(*r->edges));
    s->r.terminators = dup_bytes(r->terminators, r->nterminators * sizeof(*r->terminators));
    s->enter = calloc(r->nscopes + 1, sizeof(*s->enter));
    s->exit = calloc(r->nscopes + 1, sizeof(*s->exit));
    ck_assert(s->enter && s->exit);
    for (size_t i = 0; i < r->nscopes; i++) {
        s->enter[i] = dup_bytes(r->scopes[i].enter, r->scopes[i].nenter * sizeof(*s->enter[i]));
        s->exit[i] = dup_bytes(r->scopes[i].exit, r->scopes[i].nexit * sizeof(*s->exit[i]));
    }
}

static bool snapshot_matches(const struct snapshot *s, const struct ct_rules *r)
{
    if (s->r.npacks != r->npacks || s->r.nscopes != r->nscopes || s->r.nedges != r->nedges ||
        s->r.nterminators != r->nterminators)
        return false;
    if ((r->npacks && memcmp(s->r.packs, r->packs, r->npacks * sizeof(*r->packs))) ||
        (r->nscopes && memcmp(s->r.scopes, r->scopes, r->nscopes * sizeof(*r->scopes))) ||
        (r->nedges && memcmp(s->r.edges, r->edges, r->nedges * sizeof(*r->edges))) ||
        (r->nterminators &&
         memcmp(s->r.terminators, r->terminators, r->nterminators * sizeof(*r->terminators))))
        return false;
    for (size_t i = 0; i < r->nscopes; i++) {
        const struct ct_scope *sc = &r->scopes[i];
        if (memcmp(s->enter[i], sc->enter, sc->nenter * sizeof(*sc->enter)) ||
            memcmp(s->exit[i], sc->exit, sc->nexit * sizeof(*sc->exit)))
            return false;
    }
    return true;
}

static void snapshot_free(struct snapshot *s)
{
    for (size_t i = 0; i < s->r.nscopes; i++) {
        free(s->enter[i]);
        free(s->exit[i]);
    }
    free(s->enter);
    free(s->exit);
    free(s->r.packs);
    free(s->r.scopes);
    free(s->r.edges);
    free(s->r.terminators);
}

/* Messages are lower-case with no trailing period. */
static void check_message_style(const struct ct_error *err)
{
    size_t n = strlen(err->msg);
    ck_assert_msg(n > 0, "empty error message");
    ck_assert_msg(!(err->msg[0] >= 'A' && err->msg[0] <= 'Z'), "message not lower-case: %s",
                  err->msg);
    ck_assert_msg(err->msg[n - 1] != '.', "message ends with a period: %s", err->msg);
}

/* Loads base_pack, then TEXT (LEN bytes) as "pack.json", which must be refused with CT_ERULES,
 * LINE:COL (0:0 for key-path errors) and exactly MSG, leaving the rules as they were. */
static void check_refused_raw(const char *text, size_t len, unsigned line, unsigned col,
                              const char *msg)
{
    struct ct_rules rules;
    struct ct_error err;
    struct snapshot before;
    int rc;

    ct_rules_init(&rules);
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(load_q(&rules, base_pack, "base.json", &err), 0);
    snapshot_take(&before, &rules);

    rc = ct_rules_load_text(&rules, text, len, "pack.json", &err);
    ck_assert_msg(rc == CT_ERULES, "accepted or wrong code %d for: %.*s", rc, (int)len, text);
    ck_assert_int_eq(err.code, CT_ERULES);
    ck_assert_ptr_nonnull(err.file);
    ck_assert_str_eq(err.file, "pack.json");
    ck_assert_msg(strcmp(err.msg, msg) == 0, "for: %.*s\n  got:      %s\n  expected: %s", (int)len,
                  text, err.msg, msg);
    ck_assert_msg(err.line == line && err.col == col, "for %s: at %u:%u, expected %u:%u", msg,
                  err.line, err.col, line, col);
    check_message_style(&err);
    ck_assert_msg(snapshot_matches(&before, &rules), "rules changed by a failed load: %s", msg);

    snapshot_free(&before);
    ct_rules_fini(&rules);
}

struct refusal {
    const char *qtext; /* the pack, with ' for " */
    const char *msg;   /* the whole expected message */
};

static void check_refusals(const struct refusal *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *text = quoted(cases[i].qtext);
        check_refused_raw(text, strlen(text), 0, 0, cases[i].msg);
        free(text);
    }
}

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* A fresh directory under $TMPDIR; remove with remove_dir(). */
static void make_temp_dir(char *buf, size_t size)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(buf, size, "%s/ct-rules-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(buf));
}

static void write_file(const char *dir, const char *name, const void *data, size_t len)
{
    char path[4096];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

static void write_q(const char *dir, const char *name, const char *qtext)
{
    char *text = quoted(qtext);
    write_file(dir, name, text, strlen(text));
    free(text);
}

/* Removes DIR, its files and its empty subdirectories. */
static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char path[4096];

    if (!d)
        return;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        if (unlink(path) != 0)
            rmdir(path);
    }
    closedir(d);
    rmdir(dir);
}

static const struct ct_scope_call *find_call(const struct ct_scope_call *calls, size_t n,
                                             const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(calls[i].call, name) == 0)
            return &calls[i];
    return NULL;
}

static const struct ct_pack_info *find_pack_info(const struct ct_rules *rules, const char *name)
{
    for (size_t i = 0; i < rules->npacks; i++)
        if (strcmp(rules->packs[i].name, name) == 0)
            return &rules->packs[i];
    return NULL;
}

static void load_builtin(struct ct_rules *rules, const char *name)
{
    struct ct_error err;
    char rel[64];
    int rc;

    memset(&err, 0, sizeof(err));
    snprintf(rel, sizeof(rel), "rules/%s.json", name);
    rc = ct_rules_load(rules, src_path(rel), &err);
    ck_assert_msg(rc == 0, "%s:%u:%u: %s", err.file ? err.file : "?", err.line, err.col, err.msg);
}

/* ---- the built-in packs ---- */

START_TEST(test_rulepack_loads_cxx_std_pack)
{
    struct ct_rules rules;
    const struct ct_scope *s;
    const struct ct_scope_call *c;
    const struct ct_edge_rule *e;

    ct_rules_init(&rules);
    load_builtin(&rules, "cxx-std");
    ck_assert_str_eq(rules.packs[0].name, "cxx-std");

    s = ct_rules_find_scope(&rules, "std-mutex");
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(s->affinity, CT_AFFINITY_THREAD);
    c = find_call(s->enter, s->nenter, "std::mutex::lock");
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->arg, 0);
    c = find_call(s->enter, s->nenter, "std::mutex::try_lock");
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->when, CT_WHEN_RETURNS_NONZERO);
    s = ct_rules_find_scope(&rules, "std-unique-lock");
    ck_assert_ptr_nonnull(s);
    c = find_call(s->enter, s->nenter, "std::unique_lock::unique_lock");
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->arg_not_equals_index, 2);
    ck_assert_str_eq(c->arg_not_equals, "std::defer_lock");
    ck_assert_ptr_nonnull(find_call(s->exit, s->nexit, "std::unique_lock::~unique_lock"));
    ck_assert_ptr_nonnull(ct_rules_find_scope(&rules, "std-lock-guard"));
    ck_assert_ptr_nonnull(ct_rules_find_scope(&rules, "std-shared-lock"));
    ck_assert_ptr_nonnull(ct_rules_find_scope(&rules, "std-shared-mutex-shared"));

    e = ct_rules_find_edge(&rules, ct_intern("std::thread::thread"));
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->kind, CT_EDGE_SPAWN);
    ck_assert_int_eq(e->function, 1);
    ck_assert_int_eq(e->argument, 2);
    ck_assert_int_eq(e->runs_on, CT_RUNS_NEW_THREAD);
    ck_assert_ptr_nonnull(ct_rules_find_edge(&rules, ct_intern("std::jthread::jthread")));
    ck_assert_ptr_nonnull(ct_rules_find_edge(&rules, ct_intern("std::async")));

    ck_assert_int_eq(e->handle, 0);
    ck_assert_uint_eq(e->njoin, 1);
    ck_assert_str_eq(e->join[0], "std::thread::join");
    const struct ct_owner *ow = ct_rules_find_owner(&rules, ct_intern("std::shared_ptr"));
    ck_assert_ptr_nonnull(ow);
    ck_assert(ow->shared);
    ck_assert_ptr_eq(ct_rules_find_owner_release(&rules, ct_intern("std::shared_ptr::reset")), ow);
    ck_assert_ptr_null(ct_rules_find_owner(&rules, ct_intern("std::vector")));

    ck_assert(ct_rules_is_same_thread_awaitable(&rules, ct_intern("std::suspend_never")));
    ck_assert(!ct_rules_is_same_thread_awaitable(&rules, ct_intern("std::suspend_always")));
    ck_assert(!ct_rules_is_same_thread_awaitable(&rules, NULL));
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_rejects_awaitable_without_type)
{
    struct ct_rules rules;
    struct ct_error err;
    static const char text[] =
        "{\"pack\": \"aw\", \"schema_version\": 1, \"summary\": \"s\", \"see\": \"https://x\",\n"
        " \"awaitables\": [{\"summary\": \"no type\"}]}\n";

    ct_rules_init(&rules);
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_rules_load_text(&rules, text, sizeof(text) - 1, "aw.json", &err),
                     CT_ERULES);
    ck_assert_ptr_nonnull(strstr(err.msg, "type"));
    ck_assert_uint_eq(rules.nawaitables, 0);
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_rejects_join_without_handle)
{
    struct ct_rules rules;
    struct ct_error err;
    static const char text[] =
        "{\"pack\": \"th\", \"schema_version\": 1, \"summary\": \"s\", \"see\": \"https://x\",\n"
        " \"edges\": [{\"call\": \"Thread::Thread\", \"kind\": \"spawn\", \"function\": 1,\n"
        "   \"runs_on\": \"new-thread\", \"join\": [\"Thread::join\"], \"summary\": \"s\"}]}\n";

    ct_rules_init(&rules);
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_rules_load_text(&rules, text, sizeof(text) - 1, "th.json", &err),
                     CT_ERULES);
    ck_assert_ptr_nonnull(strstr(err.msg, "edges[0].join: needs 'handle'"));
    ck_assert_uint_eq(rules.nedges, 0);
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_rejects_owner_with_unknown_ownership)
{
    struct ct_rules rules;
    struct ct_error err;
    static const char text[] =
        "{\"pack\": \"ow\", \"schema_version\": 1, \"summary\": \"s\", \"see\": \"https://x\",\n"
        " \"owners\": [{\"type\": \"util::RefPtr\", \"ownership\": \"counted\",\n"
        "   \"summary\": \"s\"}]}\n";

    ct_rules_init(&rules);
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_rules_load_text(&rules, text, sizeof(text) - 1, "ow.json", &err),
                     CT_ERULES);
    ck_assert_ptr_nonnull(strstr(err.msg, "owners[0].ownership: unknown value 'counted'"));
    ck_assert_uint_eq(rules.nowners, 0);
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_loads_posix_pack)
{
    struct ct_rules rules;
    const struct ct_scope *s;
    const struct ct_scope_call *c;
    const struct ct_edge_rule *e;
    const struct ct_terminator *t;
    const struct ct_pack_info *info;
    const char *tries[] = {"pthread_mutex_trylock", "pthread_mutex_timedlock",
                           "pthread_mutex_clocklock"};

    ct_rules_init(&rules);
    load_builtin(&rules, "posix");

    ck_assert_uint_eq(rules.npacks, 1);
    info = &rules.packs[0];
    ck_assert_str_eq(info->name, "posix");
    ck_assert_str_eq(info->path, src_path("rules/posix.json"));
    ck_assert_ptr_nonnull(info->summary);
    ck_assert(strncmp(info->see, "https://", 8) == 0);

    s = ct_rules_find_scope(&rules, "pthread-mutex");
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->pack, "posix");
    ck_assert_str_eq(s->title, "pthread mutex");
    ck_assert_str_eq(s->enter_verb, "locked");
    ck_assert_str_eq(s->exit_verb, "unlocked");
    ck_assert_int_eq(s->affinity, CT_AFFINITY_THREAD);
    ck_assert_uint_eq(s->nenter, 4);
    c = find_call(s->enter, s->nenter, "pthread_mutex_lock");
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->resource, CT_RES_ARG);
    ck_assert_int_eq(c->arg, 0);
    ck_assert_int_eq(c->mode, CT_MODE_POINTEE);
    ck_assert_int_eq(c->when, CT_WHEN_ALWAYS);
    for (size_t i = 0; i < N_OF(tries); i++) {
        c = find_call(s->enter, s->nenter, tries[i]);
        ck_assert_msg(c != NULL, "%s missing", tries[i]);
        ck_assert_int_eq(c->when, CT_WHEN_RETURNS_ZERO);
    }
    ck_assert_uint_eq(s->nexit, 1);
    ck_assert_str_eq(s->exit[0].call, "pthread_mutex_unlock");
    ck_assert_int_eq(s->exit[0].when, CT_WHEN_ALWAYS);

    s = ct_rules_find_scope(&rules, "pthread-rwlock");
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(s->nenter, 8);
    ck_assert_int_eq(find_call(s->enter, s->nenter, "pthread_rwlock_rdlock")->when,
                     CT_WHEN_ALWAYS);
    ck_assert_int_eq(find_call(s->enter, s->nenter, "pthread_rwlock_wrlock")->when,
                     CT_WHEN_ALWAYS);
    for (size_t i = 2; i < s->nenter; i++)
        ck_assert_msg(s->enter[i].when == CT_WHEN_RETURNS_ZERO, "%s", s->enter[i].call);
    ck_assert_str_eq(s->exit[0].call, "pthread_rwlock_unlock");

    s = ct_rules_find_scope(&rules, "pthread-spinlock");
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(find_call(s->enter, s->nenter, "pthread_spin_trylock")->when,
                     CT_WHEN_RETURNS_ZERO);
    ck_assert_str_eq(s->exit[0].call, "pthread_spin_unlock");

    s = ct_rules_find_scope(&rules, "cancel-state");
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->title, "cancel state");
    ck_assert_str_eq(s->enter_verb, "disabled");
    ck_assert_str_eq(s->exit_verb, "restored");
    ck_assert_int_eq(s->enter[0].resource, CT_RES_ARG);
    ck_assert_int_eq(s->enter[0].arg, 1);
    ck_assert_int_eq(s->enter[0].mode, CT_MODE_POINTEE);
    ck_assert_int_eq(s->enter[0].arg_equals_index, 0);
    ck_assert_str_eq(s->enter[0].arg_equals, "PTHREAD_CANCEL_DISABLE");
    ck_assert_int_eq(s->enter[0].arg_not_equals_index, -1);
    ck_assert_ptr_null(s->enter[0].arg_not_equals);
    ck_assert_int_eq(s->exit[0].arg, 0);
    ck_assert_int_eq(s->exit[0].mode, CT_MODE_LVALUE);
    ck_assert_int_eq(s->exit[0].arg_equals_index, -1);
    ck_assert_int_eq(s->exit[0].arg_not_equals_index, 0);
    ck_assert_str_eq(s->exit[0].arg_not_equals, "PTHREAD_CANCEL_DISABLE");

    s = ct_rules_find_scope(&rules, "thread-locale");
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->title, "per-thread locale");
    ck_assert_str_eq(s->enter_verb, "switched");
    ck_assert_int_eq(s->enter[0].resource, CT_RES_RETURN);
    ck_assert_int_eq(s->enter[0].arg, -1);
    ck_assert_int_eq(s->enter[0].result, CT_USE_USED);
    ck_assert_int_eq(s->exit[0].resource, CT_RES_ARG);
    ck_assert_int_eq(s->exit[0].mode, CT_MODE_LVALUE);
    ck_assert_int_eq(s->exit[0].result, CT_USE_UNUSED);

    for (size_t i = 0; i < rules.nscopes; i++)
        ck_assert_int_eq(rules.scopes[i].affinity, CT_AFFINITY_THREAD);

    e = ct_rules_find_edge(&rules, ct_intern("pthread_create"));
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->kind, CT_EDGE_SPAWN);
    ck_assert_int_eq(e->function, 2);
    ck_assert_int_eq(e->argument, 3);
    ck_assert_int_eq(e->runs_on, CT_RUNS_NEW_THREAD);
    ck_assert_str_eq(e->pack, "posix");
    e = ct_rules_find_edge(&rules, ct_intern("pthread_key_create"));
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->kind, CT_EDGE_DESTRUCTOR);
    ck_assert_int_eq(e->function, 1);
    ck_assert_int_eq(e->argument, -1);
    ck_assert_int_eq(e->runs_on, CT_RUNS_EXITING_THREAD);
    e = ct_rules_find_edge(&rules, ct_intern("pthread_once"));
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->kind, CT_EDGE_CALLBACK);
    ck_assert_int_eq(e->runs_on, CT_RUNS_CALLER);
    e = ct_rules_find_edge(&rules, ct_intern("pthread_atfork"));
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->function, 0);
    ck_assert_int_eq(e->runs_on, CT_RUNS_SAME_THREAD_LATER);

    t = ct_rules_find_terminator(&rules, ct_intern("pthread_exit"));
    ck_assert_ptr_nonnull(t);
    ck_assert_int_eq(t->kind, CT_TERM_THREAD);
    ck_assert_str_eq(t->pack, "posix");
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_loads_c11_pack)
{
    struct ct_rules rules;
    const struct ct_scope *s;
    const struct ct_edge_rule *e;
    const struct ct_terminator *t;

    ct_rules_init(&rules);
    load_builtin(&rules, "c11");
    ck_assert_str_eq(rules.packs[0].name, "c11");
    /* Messages are lower-case: "c11 mutex 'q->mu' is unlocked in ...". */
    ck_assert_str_eq(ct_rules_find_scope(&rules, "c11-mutex")->title, "c11 mutex");

    s = ct_rules_find_scope(&rules, "c11-mutex");
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(s->affinity, CT_AFFINITY_THREAD);
    ck_assert_int_eq(find_call(s->enter, s->nenter, "mtx_lock")->when, CT_WHEN_ALWAYS);
    ck_assert_int_eq(find_call(s->enter, s->nenter, "mtx_trylock")->when, CT_WHEN_RETURNS_ZERO);
    ck_assert_int_eq(find_call(s->enter, s->nenter, "mtx_timedlock")->when,
                     CT_WHEN_RETURNS_ZERO);
    ck_assert_uint_eq(s->nexit, 1);
    ck_assert_str_eq(s->exit[0].call, "mtx_unlock");

    e = ct_rules_find_edge(&rules, ct_intern("thrd_create"));
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->kind, CT_EDGE_SPAWN);
    ck_assert_int_eq(e->function, 1);
    ck_assert_int_eq(e->argument, 2);
    ck_assert_int_eq(e->runs_on, CT_RUNS_NEW_THREAD);
    e = ct_rules_find_edge(&rules, ct_intern("tss_create"));
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->kind, CT_EDGE_DESTRUCTOR);
    ck_assert_int_eq(e->function, 1);
    ck_assert_int_eq(e->runs_on, CT_RUNS_EXITING_THREAD);
    e = ct_rules_find_edge(&rules, ct_intern("call_once"));
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->kind, CT_EDGE_CALLBACK);
    ck_assert_int_eq(e->function, 1);
    ck_assert_int_eq(e->runs_on, CT_RUNS_CALLER);

    t = ct_rules_find_terminator(&rules, ct_intern("thrd_exit"));
    ck_assert_ptr_nonnull(t);
    ck_assert_int_eq(t->kind, CT_TERM_THREAD);
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_loads_libc_pack)
{
    struct ct_rules rules;
    const struct ct_edge_rule *e;
    const char *process_enders[] = {"exit", "_exit", "_Exit", "abort", "quick_exit"};

    ct_rules_init(&rules);
    load_builtin(&rules, "libc");
    ck_assert_str_eq(rules.packs[0].name, "libc");
    ck_assert_uint_eq(rules.nscopes, 0);

    e = ct_rules_find_edge(&rules, ct_intern("qsort"));
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->kind, CT_EDGE_CALLBACK);
    ck_assert_int_eq(e->function, 3);
    ck_assert_int_eq(e->runs_on, CT_RUNS_CALLER);
    e = ct_rules_find_edge(&rules, ct_intern("bsearch"));
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->function, 4);
    ck_assert_int_eq(e->runs_on, CT_RUNS_CALLER);
    e = ct_rules_find_edge(&rules, ct_intern("atexit"));
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->kind, CT_EDGE_DESTRUCTOR);
    ck_assert_int_eq(e->function, 0);
    ck_assert_int_eq(e->runs_on, CT_RUNS_EXITING_THREAD);
    e = ct_rules_find_edge(&rules, ct_intern("at_quick_exit"));
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->kind, CT_EDGE_DESTRUCTOR);
    ck_assert_int_eq(e->runs_on, CT_RUNS_EXITING_THREAD);
    e = ct_rules_find_edge(&rules, ct_intern("signal"));
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->kind, CT_EDGE_CALLBACK);
    ck_assert_int_eq(e->function, 1);
    ck_assert_int_eq(e->runs_on, CT_RUNS_SIGNAL);
    e = ct_rules_find_edge(&rules, ct_intern("sigaction"));
    ck_assert_ptr_nonnull(e); /* the handler is a field of the struct argument 1 points to */
    ck_assert_int_eq(e->function, 1);
    ck_assert_ptr_nonnull(e->function_field);
    ck_assert_str_eq(e->function_field, "__sigaction_handler.sa_handler");
    ck_assert_int_eq(e->runs_on, CT_RUNS_SIGNAL);

    for (size_t i = 0; i < N_OF(process_enders); i++) {
        const struct ct_terminator *t =
            ct_rules_find_terminator(&rules, ct_intern(process_enders[i]));
        ck_assert_msg(t != NULL, "%s is not a terminator", process_enders[i]);
        ck_assert_int_eq(t->kind, CT_TERM_PROCESS);
    }
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_loads_builtin_directory_in_name_order)
{
    struct ct_rules rules;
    struct ct_error err;
    int rc;

    ct_rules_init(&rules);
    memset(&err, 0, sizeof(err));
    rc = ct_rules_load(&rules, src_path("rules"), &err);
    ck_assert_msg(rc == 0, "%s:%u:%u: %s", err.file ? err.file : "?", err.line, err.col, err.msg);
    ck_assert_ptr_nonnull(find_pack_info(&rules, "posix"));
    ck_assert_ptr_nonnull(find_pack_info(&rules, "c11"));
    ck_assert_ptr_nonnull(find_pack_info(&rules, "libc"));
    for (size_t i = 1; i < rules.npacks; i++)
        ck_assert_msg(strcmp(rules.packs[i - 1].path, rules.packs[i].path) < 0,
                      "%s loaded before %s", rules.packs[i - 1].path, rules.packs[i].path);
    for (size_t i = 0; i < rules.nscopes; i++) {
        const struct ct_scope *s = &rules.scopes[i];
        ck_assert_ptr_nonnull(s->summary);
        ck_assert_ptr_nonnull(find_pack_info(&rules, s->pack));
        ck_assert(s->annotated || (s->nenter > 0 && s->nexit > 0));
    }
    for (size_t i = 0; i < rules.nedges; i++)
        ck_assert_ptr_nonnull(rules.edges[i].summary);
    ct_rules_fini(&rules);
}
END_TEST

/* ---- what a valid pack turns into ---- */

START_TEST(test_rulepack_fills_documented_defaults)
{
    struct ct_rules rules;
    struct ct_error err;
    const struct ct_scope *s;
    const struct ct_scope_call *c;

    ct_rules_init(&rules);
    ck_assert_int_eq(load_q(&rules, PACK(", 'scopes': [" SCOPE("session-lock") "], 'edges': ["
                                         EDGE("session_spawn") "]"),
                            "session.json", &err),
                     0);
    s = ct_rules_find_scope(&rules, "session-lock");
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->title, "session-lock");
    ck_assert_str_eq(s->enter_verb, "entered");
    ck_assert_str_eq(s->exit_verb, "exited");
    ck_assert_str_eq(s->pack, "p");
    c = &s->enter[0];
    ck_assert_int_eq(c->resource, CT_RES_ARG);
    ck_assert_int_eq(c->arg, 0);
    ck_assert_int_eq(c->mode, CT_MODE_POINTEE);
    ck_assert_int_eq(c->when, CT_WHEN_ALWAYS);
    ck_assert_int_eq(c->result, CT_USE_ANY);
    ck_assert_int_eq(c->arg_equals_index, -1);
    ck_assert_ptr_null(c->arg_equals);
    ck_assert_int_eq(c->arg_not_equals_index, -1);
    ck_assert_ptr_null(c->arg_not_equals);
    ck_assert_int_eq(rules.edges[0].argument, -1);
    ck_assert_int_eq(rules.edges[0].signal, -1);
    ck_assert_int_eq(rules.edges[0].thread, -1);
    ck_assert_int_eq(rules.edges[0].arg_not_equals_index, -1);
    ck_assert_str_eq(rules.packs[0].path, "session.json");
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_reads_every_call_option)
{
    struct ct_rules rules;
    struct ct_error err;
    const struct ct_scope *s;

    ct_rules_init(&rules);
    ck_assert_int_eq(
        load_q(&rules,
               PACK(", 'scopes': [{'kind': 'gil-state', 'summary': 's', 'title': 'gil state', "
                    "'enter_verb': 'ensured', 'exit_verb': 'released', 'affinity': 'task', "
                    "'enter': [{'call': 'ensure', 'resource': 'return', 'result': 'used'}, "
                    "{'call': 'try_ensure', 'resource': 'thread', 'when': 'returns-nonzero'}, "
                    "{'call': 'ensure_at', 'resource': 2, 'mode': 'lvalue', 'when': 'always', "
                    "'arg_equals': [1, 'GIL_HOLD']}], "
                    "'exit': [{'call': 'release', 'resource': 0, 'result': 'unused', "
                    "'arg_not_equals': [3, 'NULL']}]}]"),
               "gil.json", &err),
        0);
    s = ct_rules_find_scope(&rules, "gil-state");
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(s->affinity, CT_AFFINITY_TASK);
    ck_assert_str_eq(s->title, "gil state");
    ck_assert_str_eq(s->enter_verb, "ensured");
    ck_assert_str_eq(s->exit_verb, "released");
    ck_assert_uint_eq(s->nenter, 3);
    ck_assert_int_eq(s->enter[0].resource, CT_RES_RETURN);
    ck_assert_int_eq(s->enter[0].result, CT_USE_USED);
    ck_assert_int_eq(s->enter[1].resource, CT_RES_THREAD);
    ck_assert_int_eq(s->enter[1].arg, -1);
    ck_assert_int_eq(s->enter[1].when, CT_WHEN_RETURNS_NONZERO);
    ck_assert_int_eq(s->enter[2].arg, 2);
    ck_assert_int_eq(s->enter[2].mode, CT_MODE_LVALUE);
    ck_assert_int_eq(s->enter[2].arg_equals_index, 1);
    ck_assert_str_eq(s->enter[2].arg_equals, "GIL_HOLD");
    ck_assert_uint_eq(s->nexit, 1);
    ck_assert_int_eq(s->exit[0].result, CT_USE_UNUSED);
    ck_assert_int_eq(s->exit[0].arg_not_equals_index, 3);
    ck_assert_str_eq(s->exit[0].arg_not_equals, "NULL");
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_strings_are_interned)
{
    struct ct_rules rules;
    struct ct_error err;
    const struct ct_scope *s;

    ct_rules_init(&rules);
    ck_assert_int_eq(load_q(&rules, PACK(", 'scopes': [" SCOPE("session-lock") "], 'edges': ["
                                         EDGE("session_spawn") "], 'terminators': ["
                                         TERM("session_abort") "]"),
                            "session.json", &err),
                     0);
    s = &rules.scopes[0];
    ck_assert_ptr_eq(s->kind, ct_intern("session-lock"));
    ck_assert_ptr_eq(s->pack, ct_intern("p"));
    ck_assert_ptr_eq(s->summary, ct_intern("s"));
    ck_assert_ptr_eq(s->enter[0].call, ct_intern("session-lock_enter"));
    ck_assert_ptr_eq(rules.edges[0].call, ct_intern("session_spawn"));
    ck_assert_ptr_eq(rules.terminators[0].call, ct_intern("session_abort"));
    ck_assert_ptr_eq(rules.packs[0].name, ct_intern("p"));
    ck_assert_ptr_eq(rules.packs[0].path, ct_intern("session.json"));
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_reads_text_only_up_to_len)
{
    struct ct_rules rules;
    struct ct_error err;
    char *text = quoted(PACK("") "garbage that must not be read");
    size_t len = strlen(text) - strlen("garbage that must not be read");

    ct_rules_init(&rules);
    ck_assert_int_eq(ct_rules_load_text(&rules, text, len, "p.json", &err), 0);
    ck_assert_uint_eq(rules.npacks, 1);
    ck_assert_uint_eq(rules.nscopes, 0);
    free(text);
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_accepts_utf8_bom_crlf_and_non_ascii_text)
{
    struct ct_rules rules;
    struct ct_error err;
    const char text[] = "\xef\xbb\xbf{\"pack\": \"p\",\r\n \"schema_version\": 1,\r\n"
                        " \"summary\": \"caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x94\x92\",\r\n"
                        " \"see\": \"https://example.com\"}\r\n";

    ct_rules_init(&rules);
    memset(&err, 0, sizeof(err));
    ck_assert_msg(ct_rules_load_text(&rules, text, strlen(text), "p.json", &err) == 0, "%s",
                  err.msg);
    ck_assert_str_eq(rules.packs[0].summary, "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x94\x92");
    ct_rules_fini(&rules);
}
END_TEST

/* ---- every invalid form ---- */

START_TEST(test_rulepack_rejects_malformed_json_with_line_col)
{
    struct {
        const char *qtext;
        unsigned line, col;
        const char *msg;
    } cases[] = {
        {"{\n  'pack': 'p',\n  'schema_version': 1,}", 3, 23, "malformed json: unexpected '}'"},
        {"{\n  'pack': 'p'\n  'schema_version': 1\n}", 3, 3,
         "malformed json: unexpected '\"schema_version\"'"},
        {"{\n  'pack': 'p',\n", 2, 15, "malformed json: unexpected end of file"},
        {"{'pack': 'p',\n 'summary': 'unterminated", 2, 13,
         "malformed json: unterminated string"},
        {"{'pack': tru}", 1, 10, "malformed json: unexpected 'tru'"},
        {"{'pack': 'p', 'schema_version': 1", 1, 34, "malformed json: unexpected end of file"},
        {"{'scopes': [1, 2", 1, 17, "malformed json: unexpected end of file"},
        {"{", 1, 2, "malformed json: unexpected end of file"},
        {"{,}", 1, 2, "malformed json: unexpected ','"},
        {"{'pack': 'p', pack: 'q'}", 1, 15, "malformed json: unexpected 'pack'"},
        {"{'scopes': [1, 2,]}", 1, 18, "malformed json: unexpected ']'"},
        {"{'pack': 'p'} x", 1, 15, "malformed json: unexpected text after the top-level object"},
        {"{'pack': 'p'}\n{'pack': 'q'}", 2, 1,
         "malformed json: unexpected text after the top-level object"},
        {"[1, 2]", 0, 0, "expected a json object at the top level (a rule pack)"},
        {"'posix'", 0, 0, "expected a json object at the top level (a rule pack)"},
    };

    for (size_t i = 0; i < N_OF(cases); i++) {
        char *text = quoted(cases[i].qtext);
        check_refused_raw(text, strlen(text), cases[i].line, cases[i].col, cases[i].msg);
        free(text);
    }
    /* JSON has no single-quoted strings. */
    check_refused_raw("{'pack': 'p'}", 13, 1, 2, "malformed json: unexpected ''pack''");
}
END_TEST

START_TEST(test_rulepack_rejects_malformed_file_with_its_path)
{
    struct ct_rules rules;
    struct ct_error err;
    char dir[4096], path[4200];
    const char text[] = "{\n  \"pack\": \"p\",\n  \"schema_version\": 1\n  \"summary\": \"s\"\n}\n";

    make_temp_dir(dir, sizeof(dir));
    write_file(dir, "broken.json", text, strlen(text));
    snprintf(path, sizeof(path), "%s/broken.json", dir);
    ct_rules_init(&rules);
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_rules_load(&rules, path, &err), CT_ERULES);
    remove_dir(dir);
    ck_assert_str_eq(err.file, path);
    ck_assert_uint_eq(err.line, 4);
    ck_assert_uint_eq(err.col, 3);
    ck_assert_str_eq(err.msg, "malformed json: unexpected '\"summary\"'");
    ck_assert_uint_eq(rules.npacks, 0);
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_rejects_wrong_type_with_key_path)
{
    static const struct refusal cases[] = {
        {PACK(", 'scopes': [" SCOPE("a") ", " SCOPE("b") ", {'kind': 'c', 'summary': 's', "
              "'affinity': 'thread', 'enter': [{'call': 5, 'resource': 0}], 'exit': ["
              CALL("x") "]}]"),
         "scopes[2].enter[0].call: expected a string"},
        {"{'pack': 7, " HEAD "}", "pack: expected a string"},
        {"{'pack': 'p', 'schema_version': 1, 'summary': null, 'see': 'u'}",
         "summary: expected a string"},
        {"{'pack': 'p', 'schema_version': 1, 'summary': 's', 'see': ['u']}",
         "see: expected a string"},
        {"{'pack': 'p', 'schema_version': '1', 'summary': 's', 'see': 'u'}",
         "schema_version: expected an integer"},
        {PACK(", 'scopes': {}"), "scopes: expected an array"},
        {PACK(", 'edges': 'pthread_create'"), "edges: expected an array"},
        {PACK(", 'terminators': true"), "terminators: expected an array"},
        {PACK(", 'scopes': [1]"), "scopes[0]: expected an object"},
        {PACK(", 'edges': [" EDGE("a") ", []]"), "edges[1]: expected an object"},
        {PACK(", 'terminators': ['exit']"), "terminators[0]: expected an object"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', 'enter': {}, "
              "'exit': []}]"),
         "scopes[0].enter: expected an array"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', 'enter': ["
              "'lock'], 'exit': [" CALL("u") "]}]"),
         "scopes[0].enter[0]: expected an object"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'title': '', 'affinity': 'thread', "
              "'enter': [" CALL("l") "], 'exit': [" CALL("u") "]}]"),
         "scopes[0].title: expected a non-empty string"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 1, "
              "'enter': [" CALL("l") "], 'exit': [" CALL("u") "]}]"),
         "scopes[0].affinity: expected a string, one of: thread, task"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', "
              "'enter': [{'call': 'l', 'resource': true}], 'exit': [" CALL("u") "]}]"),
         "scopes[0].enter[0].resource: expected an argument position, 'return' or 'thread'"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', "
              "'enter': [" CALL("l") "], 'exit': [{'call': 'u', 'resource': 0, "
              "'arg_equals': [0]}]}]"),
         "scopes[0].exit[0].arg_equals: expected a pair [argument position, \"spelling\"]"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', "
              "'enter': [{'call': 'l', 'resource': 0, 'arg_not_equals': [0, 1]}], "
              "'exit': [" CALL("u") "]}]"),
         "scopes[0].enter[0].arg_not_equals[1]: expected a string (the argument as spelled in "
         "the source)"},
        {PACK(", 'edges': [{'call': 'spawn', 'kind': 'spawn', 'function': '2', "
              "'runs_on': 'new-thread', 'summary': 's'}]"),
         "edges[0].function: expected an argument position (a 0-based integer)"},
        {PACK(", 'edges': [{'call': 'spawn', 'kind': 'spawn', 'function': 1, 'argument': null, "
              "'runs_on': 'new-thread', 'summary': 's'}]"),
         "edges[0].argument: expected an argument position (a 0-based integer)"},
    };
    check_refusals(cases, N_OF(cases));
}
END_TEST

START_TEST(test_rulepack_rejects_missing_required_key)
{
    static const struct refusal cases[] = {
        {"{" HEAD "}", "missing required key 'pack'"},
        {"{'pack': 'p', 'summary': 's', 'see': 'u'}", "missing required key 'schema_version'"},
        {"{'pack': 'p', 'schema_version': 1, 'see': 'u'}", "missing required key 'summary'"},
        {"{'pack': 'p', 'schema_version': 1, 'summary': 's'}", "missing required key 'see'"},
        {PACK(", 'scopes': [{'summary': 's', 'affinity': 'thread', 'enter': [" CALL("l") "], "
              "'exit': [" CALL("u") "]}]"),
         "scopes[0]: missing required key 'kind'"},
        {PACK(", 'scopes': [{'kind': 'k', 'affinity': 'thread', 'enter': [" CALL("l") "], "
              "'exit': [" CALL("u") "]}]"),
         "scopes[0]: missing required key 'summary'"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'enter': [" CALL("l") "], "
              "'exit': [" CALL("u") "]}]"),
         "scopes[0]: missing required key 'affinity'"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'task', "
              "'exit': [" CALL("u") "]}]"),
         "scopes[0]: missing required key 'enter'"},
        {PACK(", 'scopes': [" SCOPE("a") ", {'kind': 'k', 'summary': 's', 'affinity': 'task', "
              "'enter': [" CALL("l") "]}]"),
         "scopes[1]: missing required key 'exit'"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'task', "
              "'enter': [{'resource': 0}], 'exit': [" CALL("u") "]}]"),
         "scopes[0].enter[0]: missing required key 'call'"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'task', "
              "'enter': [" CALL("l") "], 'exit': [" CALL("u") ", {'call': 'v'}]}]"),
         "scopes[0].exit[1]: missing required key 'resource'"},
        {PACK(", 'edges': [{'kind': 'spawn', 'function': 0, 'runs_on': 'new-thread', "
              "'summary': 's'}]"),
         "edges[0]: missing required key 'call'"},
        {PACK(", 'edges': [{'call': 'c', 'function': 0, 'runs_on': 'new-thread', "
              "'summary': 's'}]"),
         "edges[0]: missing required key 'kind'"},
        {PACK(", 'edges': [{'call': 'c', 'kind': 'spawn', 'runs_on': 'new-thread', "
              "'summary': 's'}]"),
         "edges[0]: missing required key 'function'"},
        {PACK(", 'edges': [{'call': 'c', 'kind': 'destructor', 'function_stored': 'finalize', "
              "'runs_on': 'caller', 'summary': 's'}]"),
         "edges[0].function_stored: expected \"RECORD.FIELD\" (\"_GObjectClass.finalize\")"},
        {PACK(", 'edges': [{'call': 'c', 'kind': 'callback', 'signal': 1, 'argument': 2, "
              "'runs_on': 'signalled-thread', 'summary': 's'}]"),
         "edges[0].argument: a signal delivery (no 'function') passes its handlers no argument"},
        {PACK(", 'edges': [{'call': 'c', 'kind': 'spawn', 'function': 0, 'summary': 's'}]"),
         "edges[0]: missing required key 'runs_on'"},
        {PACK(", 'edges': [{'call': 'c', 'kind': 'spawn', 'function': 0, "
              "'runs_on': 'new-thread'}]"),
         "edges[0]: missing required key 'summary'"},
        {PACK(", 'terminators': [{'kind': 'thread', 'summary': 's'}]"),
         "terminators[0]: missing required key 'call'"},
        {PACK(", 'terminators': [{'call': 'c', 'summary': 's'}]"),
         "terminators[0]: missing required key 'kind'"},
        {PACK(", 'terminators': [{'call': 'c', 'kind': 'thread'}]"),
         "terminators[0]: missing required key 'summary'"},
    };
    check_refusals(cases, N_OF(cases));
}
END_TEST

START_TEST(test_rulepack_rejects_unknown_key)
{
    static const struct refusal cases[] = {
        {PACK(", 'scope': []"), "scope: unknown key (did you mean 'scopes'?)"},
        {PACK(", 'version': 1"),
         "version: unknown key (expected one of: pack, schema_version, summary, see, scopes, "
         "exit_stacks, edges, terminators, setjmps, awaitables, owners, returns_argument, "
         "loop_runners)"},
        {PACK(", 'exit_stacks': [{'kind': 'k', 'summary': 's', 'affinity': 'task', "
              "'push': [{'call': 'p', 'stack': 0, 'callback': 1}], "
              "'close': [{'call': 'c', 'stack': 0}]}]"),
         "exit_stacks[0].push[0].callback: unknown key (expected one of: call, stack, function, "
         "argument, parameter, scope)"},
        {PACK(", 'exit_stacks': [{'kind': 'k', 'summary': 's', 'affinity': 'task', "
              "'push': [{'call': 'p', 'stack': 0, 'scope': false}], "
              "'close': [{'call': 'c', 'stack': 0}]}]"),
         "exit_stacks[0].push[0].scope: false needs 'function': the cleanup whose exits count"},
        {PACK(", 'exit_stacks': [{'kind': 'k', 'summary': 's', 'affinity': 'task', "
              "'push': [{'call': 'p', 'stack': 0, 'function': 1, 'scope': 0}], "
              "'close': [{'call': 'c', 'stack': 0}]}]"),
         "exit_stacks[0].push[0].scope: expected true or false"},
        {PACK(", 'exit_stacks': [{'kind': 'k', 'summary': 's', 'affinity': 'task', "
              "'push': [{'call': 'p', 'stack': 0}], "
              "'close': [{'call': 'c', 'stack': 0, 'function': 1}]}]"),
         "exit_stacks[0].close[0].function: unknown key (expected one of: call, stack)"},
        {PACK(", 'exit_stacks': [{'kind': 'k', 'summary': 's', 'affinity': 'task', "
              "'push': [{'call': 'p', 'stack': 0, 'argument': 1}], "
              "'close': [{'call': 'c', 'stack': 0}]}]"),
         "exit_stacks[0].push[0]: 'argument' needs 'function': the cleanup it is passed to"},
        {PACK(", 'exit_stacks': [{'kind': 'k', 'summary': 's', 'affinity': 'task', "
              "'push': [], 'close': [{'call': 'c', 'stack': 0}]}]"),
         "exit_stacks[0].push: needs at least one call"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', 'enterr': [], "
              "'enter': [" CALL("l") "], 'exit': [" CALL("u") "]}]"),
         "scopes[0].enterr: unknown key (did you mean 'enter'?)"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', "
              "'enter': [{'call': 'l', 'resource': 0, 'lock_type': 'mutex'}], "
              "'exit': [" CALL("u") "]}]"),
         "scopes[0].enter[0].lock_type: unknown key (expected one of: call, resource, mode, "
         "when, result, arg_equals, arg_not_equals)"},
        {PACK(", 'edges': [{'call': 'c', 'kind': 'spawn', 'function': 0, 'runs_on': 'caller', "
              "'summary': 's', 'runs-on': 'caller'}]"),
         "edges[0].runs-on: unknown key (did you mean 'runs_on'?)"},
        {PACK(", 'terminators': [{'call': 'c', 'kind': 'thread', 'summary': 's', "
              "'noreturn': true}]"),
         "terminators[0].noreturn: unknown key (expected one of: call, kind, runs_exit_handlers, "
         "summary)"},
    };
    check_refusals(cases, N_OF(cases));
}
END_TEST

START_TEST(test_rulepack_exit_handler_keys)
{
    static const struct refusal cases[] = {
        {PACK(", 'edges': [{'call': 'c', 'kind': 'destructor', 'function': 0, "
              "'runs_on': 'exiting-thread', 'runs_at': 'shutdown', 'summary': 's'}]"),
         "edges[0].runs_at: unknown value 'shutdown' (expected one of: process-exit, "
         "thread-exit)"},
        {PACK(", 'terminators': [{'call': 'c', 'kind': 'process', 'summary': 's', "
              "'runs_exit_handlers': 1}]"),
         "terminators[0].runs_exit_handlers: expected true or false"},
    };
    struct ct_rules rules;
    struct ct_error err;
    check_refusals(cases, N_OF(cases));
    ct_rules_init(&rules);
    ck_assert_int_eq(ct_rules_load(&rules, src_path("rules/libc.json"), &err), 0);
    ck_assert_int_eq(ct_rules_find_edge(&rules, "atexit")->runs_at, CT_AT_PROCESS_EXIT);
    ck_assert(ct_rules_find_terminator(&rules, "exit")->runs_exit_handlers);
    ck_assert(!ct_rules_find_terminator(&rules, "_exit")->runs_exit_handlers);
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_rejects_duplicate_key)
{
    static const struct refusal cases[] = {
        {PACK(", 'pack': 'q'"), "pack: duplicate key"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', "
              "'enter': [{'call': 'l', 'resource': 0, 'resource': 1}], 'exit': [" CALL("u") "]}]"),
         "scopes[0].enter[0].resource: duplicate key"},
    };
    check_refusals(cases, N_OF(cases));
}
END_TEST

START_TEST(test_rulepack_rejects_bad_enum_value)
{
    static const struct refusal cases[] = {
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'process', "
              "'enter': [" CALL("l") "], 'exit': [" CALL("u") "]}]"),
         "scopes[0].affinity: unknown value 'process' (expected one of: thread, task)"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', "
              "'enter': [{'call': 'l', 'resource': 0, 'mode': 'value'}], "
              "'exit': [" CALL("u") "]}]"),
         "scopes[0].enter[0].mode: unknown value 'value' (expected one of: pointee, lvalue)"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', "
              "'enter': [{'call': 'l', 'resource': 0, 'when': 'on-success'}], "
              "'exit': [" CALL("u") "]}]"),
         "scopes[0].enter[0].when: unknown value 'on-success' (expected one of: always, "
         "returns-zero, returns-nonzero)"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', "
              "'enter': [" CALL("l") "], 'exit': [{'call': 'u', 'resource': 0, "
              "'result': 'ignored'}]}]"),
         "scopes[0].exit[0].result: unknown value 'ignored' (expected one of: any, used, "
         "unused)"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', "
              "'enter': [{'call': 'l', 'resource': 'self'}], 'exit': [" CALL("u") "]}]"),
         "scopes[0].enter[0].resource: unknown value 'self' (expected an argument position, "
         "'return' or 'thread')"},
        {PACK(", 'edges': [{'call': 'c', 'kind': 'thread', 'function': 0, "
              "'runs_on': 'new-thread', 'summary': 's'}]"),
         "edges[0].kind: unknown value 'thread' (expected one of: spawn, callback, destructor, "
         "suspension)"},
        {PACK(", 'edges': [{'call': 'c', 'kind': 'spawn', 'function': 0, "
              "'runs_on': 'main-thread', 'summary': 's'}]"),
         "edges[0].runs_on: unknown value 'main-thread' (expected one of: new-thread, "
         "pool-thread, loop-thread, same-thread-later, exiting-thread, signal, any-thread, "
         "signalled-thread, caller)"},
        {PACK(", 'terminators': [{'call': 'c', 'kind': 'task', 'summary': 's'}]"),
         "terminators[0].kind: unknown value 'task' (expected one of: thread, process)"},
    };
    check_refusals(cases, N_OF(cases));
}
END_TEST

START_TEST(test_rulepack_rejects_when_on_exit)
{
    static const struct refusal cases[] = {
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', "
              "'enter': [" CALL("l") "], 'exit': [{'call': 'u', 'resource': 0, "
              "'when': 'returns-zero'}]}]"),
         "scopes[0].exit[0].when: only enter calls take 'when' (an exit always exits)"},
    };
    check_refusals(cases, N_OF(cases));
}
END_TEST

START_TEST(test_rulepack_rejects_unsupported_schema_version)
{
    static const struct refusal cases[] = {
        {"{'pack': 'p', 'schema_version': 2, 'summary': 's', 'see': 'u'}",
         "schema_version: unsupported schema version 2 (expected 1)"},
        {"{'pack': 'p', 'schema_version': 0, 'summary': 's', 'see': 'u'}",
         "schema_version: unsupported schema version 0 (expected 1)"},
        {"{'pack': 'p', 'schema_version': 1.5, 'summary': 's', 'see': 'u'}",
         "schema_version: unsupported schema version 1.5 (expected 1)"},
        /* The version is checked before the keys: a newer pack says so, not "unknown key". */
        {"{'pack': 'p', 'schema_version': 2, 'summary': 's', 'see': 'u', 'imports': []}",
         "schema_version: unsupported schema version 2 (expected 1)"},
    };
    check_refusals(cases, N_OF(cases));
}
END_TEST

START_TEST(test_rulepack_rejects_negative_or_fractional_argument_position)
{
    static const struct refusal cases[] = {
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', "
              "'enter': [{'call': 'l', 'resource': -1}], 'exit': [" CALL("u") "]}]"),
         "scopes[0].enter[0].resource: argument positions are 0-based and cannot be negative "
         "(got -1)"},
        {PACK(", 'edges': [{'call': 'c', 'kind': 'spawn', 'function': -1, "
              "'runs_on': 'new-thread', 'summary': 's'}]"),
         "edges[0].function: argument positions are 0-based and cannot be negative (got -1)"},
        {PACK(", 'edges': [{'call': 'c', 'kind': 'spawn', 'function': 2, 'argument': -1, "
              "'runs_on': 'new-thread', 'summary': 's'}]"),
         "edges[0].argument: argument positions are 0-based and cannot be negative (got -1)"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', "
              "'enter': [{'call': 'l', 'resource': 0, 'arg_equals': [-2, 'X']}], "
              "'exit': [" CALL("u") "]}]"),
         "scopes[0].enter[0].arg_equals[0]: argument positions are 0-based and cannot be "
         "negative (got -2)"},
        {PACK(", 'edges': [{'call': 'c', 'kind': 'spawn', 'function': 1.5, "
              "'runs_on': 'new-thread', 'summary': 's'}]"),
         "edges[0].function: expected an argument position (a 0-based integer), got 1.5"},
        {PACK(", 'edges': [{'call': 'c', 'kind': 'spawn', 'function': 1000, "
              "'runs_on': 'new-thread', 'summary': 's'}]"),
         "edges[0].function: argument position 1000 is out of range (0 to 255)"},
        {PACK(", 'edges': [{'call': 'c', 'kind': 'spawn', 'function': 1, 'argument': 1, "
              "'runs_on': 'new-thread', 'summary': 's'}]"),
         "edges[0].argument: the same position as 'function' (1)"},
    };
    check_refusals(cases, N_OF(cases));
}
END_TEST

START_TEST(test_rulepack_rejects_names_not_in_kebab_case)
{
    static const struct refusal cases[] = {
        {PACK(", 'scopes': [" SCOPE("PthreadMutex") "]"),
         "scopes[0].kind: 'PthreadMutex' is not kebab-case (lowercase letters and digits, words "
         "joined by '-')"},
        {PACK(", 'scopes': [" SCOPE("pthread_mutex") "]"),
         "scopes[0].kind: 'pthread_mutex' is not kebab-case (lowercase letters and digits, words "
         "joined by '-')"},
        {PACK(", 'scopes': [" SCOPE("-mutex") "]"),
         "scopes[0].kind: '-mutex' is not kebab-case (lowercase letters and digits, words "
         "joined by '-')"},
        {PACK(", 'scopes': [" SCOPE("mutex-") "]"),
         "scopes[0].kind: 'mutex-' is not kebab-case (lowercase letters and digits, words "
         "joined by '-')"},
        {PACK(", 'scopes': [" SCOPE("gil--state") "]"),
         "scopes[0].kind: 'gil--state' is not kebab-case (lowercase letters and digits, words "
         "joined by '-')"},
        {PACK(", 'scopes': [" SCOPE("11-mutex") "]"),
         "scopes[0].kind: '11-mutex' is not kebab-case (lowercase letters and digits, words "
         "joined by '-')"},
        {"{'pack': 'My Pack', " HEAD "}",
         "pack: 'My Pack' is not kebab-case (lowercase letters and digits, words joined by '-')"},
    };
    check_refusals(cases, N_OF(cases));
}
END_TEST

START_TEST(test_rulepack_rejects_duplicate_scope_kind)
{
    static const struct refusal cases[] = {
        /* Within one pack. */
        {PACK(", 'scopes': [" SCOPE("session-lock") ", " SCOPE("session-lock") "]"),
         "scopes[1].kind: duplicate scope kind 'session-lock' (already defined by pack 'p' in "
         "pack.json)"},
        /* Against a pack loaded before (base_pack defines base-lock). */
        {PACK(", 'scopes': [" SCOPE("base-lock") "]"),
         "scopes[0].kind: duplicate scope kind 'base-lock' (already defined by pack 'base' in "
         "base.json)"},
    };
    check_refusals(cases, N_OF(cases));
}
END_TEST

START_TEST(test_rulepack_rejects_duplicate_pack_and_terminator)
{
    static const struct refusal cases[] = {
        {"{'pack': 'base', " HEAD "}", "pack: pack 'base' is already loaded (from base.json)"},
        {PACK(", 'terminators': [" TERM("base_exit") "]"),
         "terminators[0].call: 'base_exit' is already a terminator (pack 'base')"},
        {PACK(", 'terminators': [" TERM("die") ", " TERM("die") "]"),
         "terminators[1].call: 'die' is already a terminator (pack 'p')"},
    };
    check_refusals(cases, N_OF(cases));
}
END_TEST

START_TEST(test_rulepack_rejects_scope_without_enter_or_exit_calls)
{
    static const struct refusal cases[] = {
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', "
              "'enter': [], 'exit': [" CALL("u") "]}]"),
         "scopes[0].enter: expected at least one call"},
        {PACK(", 'scopes': [{'kind': 'k', 'summary': 's', 'affinity': 'thread', "
              "'enter': [" CALL("l") "], 'exit': []}]"),
         "scopes[0].exit: expected at least one call"},
    };
    check_refusals(cases, N_OF(cases));
}
END_TEST

START_TEST(test_rulepack_rejects_empty_file)
{
    struct ct_rules rules;
    struct ct_error err;
    char dir[4096], path[4200];

    check_refused_raw("", 0, 0, 0, "empty file, expected a json rule pack");
    check_refused_raw(" \n\t\r\n", 5, 0, 0, "empty file, expected a json rule pack");

    make_temp_dir(dir, sizeof(dir));
    write_file(dir, "empty.json", "", 0);
    snprintf(path, sizeof(path), "%s/empty.json", dir);
    ct_rules_init(&rules);
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_rules_load(&rules, path, &err), CT_ERULES);
    remove_dir(dir);
    ck_assert_str_eq(err.file, path);
    ck_assert_str_eq(err.msg, "empty file, expected a json rule pack");
    ck_assert_uint_eq(rules.npacks, 0);
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_rejects_binary_bytes)
{
    struct ct_rules rules;
    struct ct_error err;
    char dir[4096], path[4200];
    const unsigned char elf[] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                 3, 0, 0x3e, 0, 1, 0, 0, 0, 0x60, 0x10, 0, 0};

    check_refused_raw("{\0}", 3, 1, 2, "binary data (byte 0x00), not a json rule pack");
    check_refused_raw((const char *)elf, sizeof(elf), 1, 5,
                      "binary data (byte 0x02), not a json rule pack");
    check_refused_raw("{\"pack\": \"caf\xe9\"}", 16, 1, 14,
                      "invalid utf-8 (byte 0xe9), rule packs are utf-8 json");
    check_refused_raw("{\"pack\":\n \"\xc0\xaf\"}", 15, 2, 3,
                      "invalid utf-8 (byte 0xc0), rule packs are utf-8 json");
    /* An overlong '/', a UTF-16 surrogate, a sequence cut short by the end of the file. */
    check_refused_raw("{\"pack\": \"\xe0\x80\xaf\"}", 15, 1, 11,
                      "invalid utf-8 (byte 0xe0), rule packs are utf-8 json");
    check_refused_raw("{\"pack\": \"\xed\xa0\x80\"}", 15, 1, 11,
                      "invalid utf-8 (byte 0xed), rule packs are utf-8 json");
    check_refused_raw("{\"pack\": \"\xf0\x9f\x94", 13, 1, 11,
                      "invalid utf-8 (byte 0xf0), rule packs are utf-8 json");

    make_temp_dir(dir, sizeof(dir));
    write_file(dir, "crosstask.json", elf, sizeof(elf));
    snprintf(path, sizeof(path), "%s/crosstask.json", dir);
    ct_rules_init(&rules);
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_rules_load(&rules, path, &err), CT_ERULES);
    remove_dir(dir);
    ck_assert_str_eq(err.file, path);
    ck_assert_str_eq(err.msg, "binary data (byte 0x02), not a json rule pack");
    ck_assert_uint_eq(rules.npacks, 0);
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_rejects_missing_file)
{
    struct ct_rules rules;
    struct ct_error err;
    char dir[4096], path[4200];

    make_temp_dir(dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s/no-such-pack.json", dir);
    ct_rules_init(&rules);
    ck_assert_int_eq(load_q(&rules, base_pack, "base.json", &err), 0);
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_rules_load(&rules, path, &err), CT_ENOENT);
    ck_assert_int_eq(err.code, CT_ENOENT);
    ck_assert_str_eq(err.file, path);
    ck_assert_str_eq(err.msg, "no such file or directory");
    snprintf(path, sizeof(path), "%s/missing-dir/posix.json", dir);
    ck_assert_int_eq(ct_rules_load(&rules, path, &err), CT_ENOENT);
    remove_dir(dir);
    ck_assert_uint_eq(rules.npacks, 1);
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_rejects_directory_without_packs)
{
    struct ct_rules rules;
    struct ct_error err;
    char dir[4096], sub[4200];

    make_temp_dir(dir, sizeof(dir));
    write_file(dir, "README.md", "# notes\n", 8);
    write_q(dir, ".hidden.json", PACK(""));
    snprintf(sub, sizeof(sub), "%s/nested.json", dir);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    ct_rules_init(&rules);
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_rules_load(&rules, dir, &err), CT_ERULES);
    ck_assert_str_eq(err.file, dir);
    ck_assert_str_eq(err.msg, "no rule packs (*.json files) in this directory");
    check_message_style(&err);
    ck_assert_uint_eq(rules.npacks, 0);
    remove_dir(dir);
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_loads_directory_json_files_in_name_order)
{
    struct ct_rules rules;
    struct ct_error err;
    char dir[4096], dir_slash[4200], path[4200];

    make_temp_dir(dir, sizeof(dir));
    write_q(dir, "b-second.json",
            "{'pack': 'second', " HEAD ", 'scopes': [" SCOPE("second-lock") "]}");
    write_q(dir, "a-first.json",
            "{'pack': 'first', " HEAD ", 'scopes': [" SCOPE("first-lock") "]}");
    write_file(dir, "notes.txt", "not a pack", 10);
    write_file(dir, "pack.json.orig", "{", 1);
    write_file(dir, ".#a-first.json", "\0\0", 2);

    ct_rules_init(&rules);
    memset(&err, 0, sizeof(err));
    /* A trailing slash gives the same file names, without "//". */
    snprintf(dir_slash, sizeof(dir_slash), "%s/", dir);
    ck_assert_msg(ct_rules_load(&rules, dir_slash, &err) == 0, "%s: %s", err.file, err.msg);
    ck_assert_uint_eq(rules.npacks, 2);
    ck_assert_str_eq(rules.packs[0].name, "first");
    ck_assert_str_eq(rules.packs[1].name, "second");
    snprintf(path, sizeof(path), "%s/a-first.json", dir);
    ck_assert_str_eq(rules.packs[0].path, path);
    ck_assert_str_eq(rules.scopes[0].kind, "first-lock");
    ck_assert_str_eq(rules.scopes[1].kind, "second-lock");
    ck_assert_str_eq(rules.scopes[1].pack, "second");
    remove_dir(dir);
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_directory_with_one_bad_pack_loads_nothing)
{
    struct ct_rules rules;
    struct ct_error err;
    struct snapshot before;
    char dir[4096], path[4200];

    make_temp_dir(dir, sizeof(dir));
    write_q(dir, "a-good.json", "{'pack': 'good', " HEAD ", 'scopes': [" SCOPE("good-lock") "]}");
    write_q(dir, "b-bad.json",
            "{'pack': 'bad', " HEAD ", 'edges': [{'call': 'c', 'kind': 'spawn', 'function': 0, "
            "'runs_on': 'elsewhere', 'summary': 's'}]}");

    ct_rules_init(&rules);
    ck_assert_int_eq(load_q(&rules, base_pack, "base.json", &err), 0);
    snapshot_take(&before, &rules);
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_rules_load(&rules, dir, &err), CT_ERULES);
    snprintf(path, sizeof(path), "%s/b-bad.json", dir);
    ck_assert_str_eq(err.file, path);
    ck_assert(strncmp(err.msg, "edges[0].runs_on: unknown value 'elsewhere'", 43) == 0);
    ck_assert_msg(snapshot_matches(&before, &rules), "the good pack was loaded anyway");
    ck_assert_ptr_null(ct_rules_find_scope(&rules, "good-lock"));
    snapshot_free(&before);
    remove_dir(dir);
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_rejects_duplicate_kind_across_files_of_a_directory)
{
    struct ct_rules rules;
    struct ct_error err;
    char dir[4096], first[4200], second[4200], want[8600];

    make_temp_dir(dir, sizeof(dir));
    write_q(dir, "one.json", "{'pack': 'one', " HEAD ", 'scopes': [" SCOPE("shared-lock") "]}");
    write_q(dir, "two.json", "{'pack': 'two', " HEAD ", 'scopes': [" SCOPE("shared-lock") "]}");
    snprintf(first, sizeof(first), "%s/one.json", dir);
    snprintf(second, sizeof(second), "%s/two.json", dir);

    ct_rules_init(&rules);
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_rules_load(&rules, dir, &err), CT_ERULES);
    ck_assert_str_eq(err.file, second);
    snprintf(want, sizeof(want),
             "scopes[0].kind: duplicate scope kind 'shared-lock' (already defined by pack 'one' "
             "in %s)",
             first);
    /* The message holds at most 255 bytes; compare what fits. */
    ck_assert(strncmp(err.msg, want, sizeof(err.msg) - 1) == 0);
    ck_assert_uint_eq(rules.npacks, 0);
    remove_dir(dir);
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_failed_load_leaves_rules_unchanged)
{
    struct ct_rules rules;
    struct ct_error err;
    struct snapshot before;
    const struct ct_scope *mutex;
    /* Each fails late: after a pack, a scope and calls were read into the temporary. */
    static const char *const late_failures[] = {
        "{'pack': 'late', " HEAD ", 'scopes': [" SCOPE("late-lock") "], 'terminators': ["
        TERM("late_exit") ", {'call': 'x', 'kind': 'x', 'summary': 's'}]}",
        "{'pack': 'late', " HEAD ", 'scopes': [" SCOPE("late-lock") ", " SCOPE("pthread-mutex")
        "]}",
        "{'pack': 'late', " HEAD ", 'scopes': [{'kind': 'late-lock', 'summary': 's', "
        "'affinity': 'task', 'enter': [" CALL("a") ", " CALL("b") "], 'exit': [" CALL("c") ", "
        "{'call': 'd', 'resource': 'nowhere'}]}]}",
    };

    ct_rules_init(&rules);
    load_builtin(&rules, "posix");
    mutex = ct_rules_find_scope(&rules, "pthread-mutex");
    snapshot_take(&before, &rules);
    for (size_t i = 0; i < N_OF(late_failures); i++) {
        memset(&err, 0, sizeof(err));
        ck_assert_int_eq(load_q(&rules, late_failures[i], "late.json", &err), CT_ERULES);
        ck_assert_msg(snapshot_matches(&before, &rules), "case %zu changed the rules: %s", i,
                      err.msg);
        ck_assert_ptr_null(ct_rules_find_scope(&rules, "late-lock"));
        ck_assert_ptr_null(ct_rules_find_terminator(&rules, ct_intern("late_exit")));
    }
    /* Nothing was reallocated under a caller holding a scope pointer. */
    ck_assert_ptr_eq(ct_rules_find_scope(&rules, "pthread-mutex"), mutex);
    /* The same text, corrected, now loads on top. */
    ck_assert_int_eq(load_q(&rules, "{'pack': 'late', " HEAD ", 'scopes': [" SCOPE("late-lock")
                                    "]}",
                            "late.json", &err),
                     0);
    ck_assert_uint_eq(rules.npacks, before.r.npacks + 1);
    ck_assert_ptr_nonnull(ct_rules_find_scope(&rules, "late-lock"));
    ck_assert_ptr_nonnull(ct_rules_find_scope(&rules, "pthread-mutex"));
    snapshot_free(&before);
    ct_rules_fini(&rules);
}
END_TEST

/* ---- lookups, names, lifecycle ---- */

START_TEST(test_rulepack_find_returns_loaded_rules_or_null)
{
    struct ct_rules rules;
    const struct ct_edge_rule *e;

    ct_rules_init(&rules);
    ck_assert_ptr_null(ct_rules_find_scope(&rules, "pthread-mutex"));
    ck_assert_ptr_null(ct_rules_find_edge(&rules, ct_intern("pthread_create")));
    ck_assert_ptr_null(ct_rules_find_terminator(&rules, ct_intern("exit")));

    load_builtin(&rules, "posix");
    load_builtin(&rules, "libc");
    ck_assert_uint_eq(rules.npacks, 2);
    ck_assert_str_eq(ct_rules_find_scope(&rules, "cancel-state")->kind, "cancel-state");
    ck_assert_ptr_null(ct_rules_find_scope(&rules, "pthread-cond"));
    ck_assert_ptr_null(ct_rules_find_scope(&rules, "pthread_mutex_lock"));
    ck_assert_str_eq(ct_rules_find_edge(&rules, ct_intern("qsort"))->pack, "libc");
    ck_assert_ptr_null(ct_rules_find_edge(&rules, ct_intern("pthread_mutex_lock")));
    ck_assert_ptr_null(ct_rules_find_edge(&rules, ct_intern("pthread_exit")));
    ck_assert_str_eq(ct_rules_find_terminator(&rules, ct_intern("abort"))->pack, "libc");
    ck_assert_ptr_null(ct_rules_find_terminator(&rules, ct_intern("pthread_create")));
    /* The first of several edge rules for one call: pthread_atfork's prepare handler. */
    e = ct_rules_find_edge(&rules, ct_intern("pthread_atfork"));
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->function, 0);
    for (size_t i = 0; i < (size_t)(e - rules.edges); i++)
        ck_assert_ptr_ne(rules.edges[i].call, e->call);
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_enum_names_match_pack_spelling)
{
    ck_assert_str_eq(ct_affinity_name(CT_AFFINITY_THREAD), "thread");
    ck_assert_str_eq(ct_affinity_name(CT_AFFINITY_TASK), "task");
    ck_assert_str_eq(ct_edge_kind_name(CT_EDGE_SPAWN), "spawn");
    ck_assert_str_eq(ct_edge_kind_name(CT_EDGE_CALLBACK), "callback");
    ck_assert_str_eq(ct_edge_kind_name(CT_EDGE_DESTRUCTOR), "destructor");
    ck_assert_str_eq(ct_edge_kind_name(CT_EDGE_SUSPENSION), "suspension");
    ck_assert_str_eq(ct_runs_on_name(CT_RUNS_NEW_THREAD), "new-thread");
    ck_assert_str_eq(ct_runs_on_name(CT_RUNS_POOL_THREAD), "pool-thread");
    ck_assert_str_eq(ct_runs_on_name(CT_RUNS_LOOP_THREAD), "loop-thread");
    ck_assert_str_eq(ct_runs_on_name(CT_RUNS_SAME_THREAD_LATER), "same-thread-later");
    ck_assert_str_eq(ct_runs_on_name(CT_RUNS_EXITING_THREAD), "exiting-thread");
    ck_assert_str_eq(ct_runs_on_name(CT_RUNS_SIGNAL), "signal");
    ck_assert_str_eq(ct_runs_on_name(CT_RUNS_ANY_THREAD), "any-thread");
    ck_assert_str_eq(ct_runs_on_name(CT_RUNS_SIGNALLED_THREAD), "signalled-thread");
    ck_assert_str_eq(ct_runs_on_name(CT_RUNS_CALLER), "caller");
    ck_assert_str_eq(ct_runs_on_name((enum ct_runs_on)99), "unknown");
}
END_TEST

/* Every runs_on value written in a pack reads back as the enum whose name it is. */
START_TEST(test_rulepack_runs_on_round_trips_through_a_pack)
{
    static const enum ct_runs_on all[] = {
        CT_RUNS_NEW_THREAD,     CT_RUNS_POOL_THREAD, CT_RUNS_LOOP_THREAD,
        CT_RUNS_SAME_THREAD_LATER, CT_RUNS_EXITING_THREAD, CT_RUNS_SIGNAL,
        CT_RUNS_ANY_THREAD,     CT_RUNS_SIGNALLED_THREAD, CT_RUNS_CALLER};
    static const enum ct_edge_kind kinds[] = {CT_EDGE_SPAWN, CT_EDGE_CALLBACK,
                                              CT_EDGE_DESTRUCTOR, CT_EDGE_SUSPENSION};

    for (size_t i = 0; i < N_OF(all); i++) {
        struct ct_rules rules;
        struct ct_error err;
        char text[512];
        enum ct_edge_kind kind = kinds[i % N_OF(kinds)];

        snprintf(text, sizeof(text),
                 "{\"pack\": \"p\", \"schema_version\": 1, \"summary\": \"s\", \"see\": \"u\", "
                 "\"edges\": [{\"call\": \"c\", \"kind\": \"%s\", \"function\": 1, "
                 "\"argument\": 0, \"runs_on\": \"%s\", \"summary\": \"s\"}]}",
                 ct_edge_kind_name(kind), ct_runs_on_name(all[i]));
        ct_rules_init(&rules);
        ck_assert_msg(ct_rules_load_text(&rules, text, strlen(text), "p.json", &err) == 0, "%s",
                      err.msg);
        ck_assert_int_eq(rules.edges[0].runs_on, all[i]);
        ck_assert_int_eq(rules.edges[0].kind, kind);
        ck_assert_int_eq(rules.edges[0].function, 1);
        ck_assert_int_eq(rules.edges[0].argument, 0);
        ct_rules_fini(&rules);
    }
}
END_TEST

/* A signal delivery: an edge with a signal and a thread but no function; its filter. */
START_TEST(test_rulepack_reads_signal_delivery_edge)
{
    struct ct_rules rules;
    struct ct_error err;
    char *text = quoted(PACK(", 'edges': [{'call': 'pthread_kill', 'kind': 'callback', "
                             "'signal': 1, 'thread': 0, 'runs_on': 'signalled-thread', "
                             "'arg_not_equals': [0, 'pthread_self()'], 'summary': 's'}]"));
    ct_rules_init(&rules);
    ck_assert_msg(ct_rules_load_text(&rules, text, strlen(text), "p.json", &err) == 0, "%s",
                  err.msg);
    ck_assert_int_eq(rules.edges[0].function, -1);
    ck_assert_int_eq(rules.edges[0].signal, 1);
    ck_assert_int_eq(rules.edges[0].thread, 0);
    ck_assert_int_eq(rules.edges[0].runs_on, CT_RUNS_SIGNALLED_THREAD);
    ck_assert_int_eq(rules.edges[0].arg_not_equals_index, 0);
    ck_assert_str_eq(rules.edges[0].arg_not_equals, "pthread_self()");
    ct_rules_fini(&rules);
    free(text);
}
END_TEST

/* An edge whose functions are those stored in a class's field, and a call returning its
 * argument. */
START_TEST(test_rulepack_reads_function_stored_and_returns_argument)
{
    struct ct_rules rules;
    struct ct_error err;
    char *text = quoted(PACK(", 'edges': [{'call': 'g_object_unref', 'kind': 'destructor', "
                             "'function_stored': '_GObjectClass.finalize', 'argument': 0, "
                             "'runs_on': 'caller', 'summary': 's'}], 'returns_argument': "
                             "[{'call': 'g_object_ref', 'argument': 0, 'summary': 's'}]"));
    ct_rules_init(&rules);
    ck_assert_msg(ct_rules_load_text(&rules, text, strlen(text), "p.json", &err) == 0, "%s",
                  err.msg);
    ck_assert_int_eq(rules.edges[0].function, -1);
    ck_assert_int_eq(rules.edges[0].argument, 0);
    ck_assert_str_eq(rules.edges[0].stored_record, "_GObjectClass");
    ck_assert_str_eq(rules.edges[0].stored_field, "finalize");
    ck_assert_int_eq(ct_rules_returned_argument(&rules, ct_intern("g_object_ref")), 0);
    ck_assert_int_eq(ct_rules_returned_argument(&rules, ct_intern("g_object_unref")), -1);
    ct_rules_fini(&rules);
    free(text);
}
END_TEST

START_TEST(test_rulepack_fini_empties_rules_for_reuse)
{
    struct ct_rules rules;
    struct ct_error err;

    ct_rules_fini(NULL);
    ct_rules_init(&rules);
    ct_rules_fini(&rules);
    load_builtin(&rules, "posix");
    ct_rules_fini(&rules);
    ck_assert_uint_eq(rules.npacks, 0);
    ck_assert_uint_eq(rules.nscopes, 0);
    ck_assert_ptr_null(rules.scopes);
    /* No duplicate-pack or duplicate-kind error: the first load is gone. */
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_rules_load(&rules, src_path("rules/posix.json"), &err), 0);
    ck_assert_ptr_nonnull(ct_rules_find_scope(&rules, "pthread-mutex"));
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_rulepack_load_refuses_null_arguments)
{
    struct ct_rules rules;
    struct ct_error err;

    ct_rules_init(&rules);
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_rules_load(&rules, NULL, &err), CT_EINVAL);
    ck_assert_int_eq(ct_rules_load_text(&rules, NULL, 5, "x.json", &err), CT_EINVAL);
    ck_assert_int_eq(ct_rules_load_text(&rules, "", 0, NULL, &err), CT_ERULES);
    ck_assert_str_eq(err.file, "<rules>");
    /* ERR is optional. */
    ck_assert_int_eq(ct_rules_load_text(&rules, "{", 1, "x.json", NULL), CT_ERULES);
    ck_assert_uint_eq(rules.npacks, 0);
    ct_rules_fini(&rules);
}
END_TEST

/* rules/README.md documents every key and every enum value a pack may hold. */
START_TEST(test_rulepack_readme_documents_every_key_and_value)
{
    static const char *const words[] = {
        "pack", "schema_version", "summary", "see", "scopes", "edges", "terminators", "kind",
        "title", "enter_verb", "exit_verb", "affinity", "enter", "exit", "call", "resource",
        "mode", "when", "result", "arg_equals", "arg_not_equals", "function", "argument",
        "runs_on", "thread", "task", "return", "pointee", "lvalue", "always", "returns-zero",
        "returns-nonzero", "any", "used", "unused", "spawn", "callback", "destructor",
        "suspension", "new-thread", "pool-thread", "loop-thread", "same-thread-later",
        "exiting-thread", "signal", "any-thread", "caller", "process", "posix", "c11", "libc",
        "pthread-mutex", "pthread-rwlock", "pthread-spinlock", "cancel-state", "thread-locale",
        "c11-mutex"};
    FILE *f = fopen(src_path("rules/README.md"), "rb");
    char *text;
    long n;

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    ck_assert_int_gt(n, 0);
    rewind(f);
    text = calloc((size_t)n + 1, 1);
    ck_assert_ptr_nonnull(text);
    ck_assert_uint_eq(fread(text, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    for (size_t i = 0; i < N_OF(words); i++) {
        char quotedw[64];
        snprintf(quotedw, sizeof(quotedw), "`%s`", words[i]);
        ck_assert_msg(strstr(text, quotedw) != NULL, "rules/README.md does not document %s",
                      quotedw);
    }
    ck_assert_ptr_nonnull(strstr(text, "0-based"));
    free(text);
}
END_TEST

Suite *rules_suite(void)
{
    Suite *s = suite_create("rules");
    TCase *builtin = tcase_create("builtin");
    TCase *valid = tcase_create("valid");
    TCase *invalid = tcase_create("invalid");
    TCase *files = tcase_create("files");
    TCase *lookup = tcase_create("lookup");

    tcase_add_test(builtin, test_rulepack_loads_posix_pack);

    tcase_add_test(builtin, test_rulepack_loads_cxx_std_pack);

    tcase_add_test(builtin, test_rulepack_rejects_awaitable_without_type);
    tcase_add_test(builtin, test_rulepack_rejects_join_without_handle);
    tcase_add_test(builtin, test_rulepack_rejects_owner_with_unknown_ownership);
    tcase_add_test(builtin, test_rulepack_loads_c11_pack);
    tcase_add_test(builtin, test_rulepack_loads_libc_pack);
    tcase_add_test(builtin, test_rulepack_loads_builtin_directory_in_name_order);
    tcase_add_test(builtin, test_rulepack_readme_documents_every_key_and_value);
    suite_add_tcase(s, builtin);

    tcase_add_test(valid, test_rulepack_fills_documented_defaults);
    tcase_add_test(valid, test_rulepack_reads_every_call_option);
    tcase_add_test(valid, test_rulepack_strings_are_interned);
    tcase_add_test(valid, test_rulepack_reads_text_only_up_to_len);
    tcase_add_test(valid, test_rulepack_accepts_utf8_bom_crlf_and_non_ascii_text);
    suite_add_tcase(s, valid);

    tcase_add_test(invalid, test_rulepack_rejects_malformed_json_with_line_col);
    tcase_add_test(invalid, test_rulepack_rejects_wrong_type_with_key_path);
    tcase_add_test(invalid, test_rulepack_rejects_missing_required_key);
    tcase_add_test(invalid, test_rulepack_rejects_unknown_key);
    tcase_add_test(invalid, test_rulepack_exit_handler_keys);
    tcase_add_test(invalid, test_rulepack_rejects_duplicate_key);
    tcase_add_test(invalid, test_rulepack_rejects_bad_enum_value);
    tcase_add_test(invalid, test_rulepack_rejects_when_on_exit);
    tcase_add_test(invalid, test_rulepack_rejects_unsupported_schema_version);
    tcase_add_test(invalid, test_rulepack_rejects_negative_or_fractional_argument_position);
    tcase_add_test(invalid, test_rulepack_rejects_names_not_in_kebab_case);
    tcase_add_test(invalid, test_rulepack_rejects_duplicate_scope_kind);
    tcase_add_test(invalid, test_rulepack_rejects_duplicate_pack_and_terminator);
    tcase_add_test(invalid, test_rulepack_rejects_scope_without_enter_or_exit_calls);
    tcase_add_test(invalid, test_rulepack_rejects_empty_file);
    tcase_add_test(invalid, test_rulepack_rejects_binary_bytes);
    tcase_add_test(invalid, test_rulepack_failed_load_leaves_rules_unchanged);
    tcase_add_test(invalid, test_rulepack_load_refuses_null_arguments);
    suite_add_tcase(s, invalid);

    tcase_add_test(files, test_rulepack_rejects_malformed_file_with_its_path);
    tcase_add_test(files, test_rulepack_rejects_missing_file);
    tcase_add_test(files, test_rulepack_rejects_directory_without_packs);
    tcase_add_test(files, test_rulepack_loads_directory_json_files_in_name_order);
    tcase_add_test(files, test_rulepack_directory_with_one_bad_pack_loads_nothing);
    tcase_add_test(files, test_rulepack_rejects_duplicate_kind_across_files_of_a_directory);
    suite_add_tcase(s, files);

    tcase_add_test(lookup, test_rulepack_find_returns_loaded_rules_or_null);
    tcase_add_test(lookup, test_rulepack_enum_names_match_pack_spelling);
    tcase_add_test(lookup, test_rulepack_runs_on_round_trips_through_a_pack);
    tcase_add_test(lookup, test_rulepack_reads_signal_delivery_edge);
    tcase_add_test(lookup, test_rulepack_reads_function_stored_and_returns_argument);
    tcase_add_test(lookup, test_rulepack_fini_empties_rules_for_reuse);
    suite_add_tcase(s, lookup);
    return s;
}
