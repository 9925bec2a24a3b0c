/* check_sarif.c - unit tests of fingerprints and the source cache (fingerprint.c), the SARIF
 * writer (report_sarif.c) and baselines (baseline.c): fingerprints that survive code moving and
 * change with the code, ordinal suffixes, the SARIF document read back with cJSON, and baseline
 * round trips and the refusal of files that are not baselines. */
#include <cjson/cJSON.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "suites.h"
#include "report.h"
#include "baseline.h"

/* --- fixtures ---------------------------------------------------------------------------- */

/* A temporary directory with files written into it. */
struct tmp {
    char dir[64];
    char path[8][PATH_MAX];
    int n;
};

static void tmp_init(struct tmp *t)
{
    memset(t, 0, sizeof(*t));
    snprintf(t->dir, sizeof(t->dir), "/tmp/ct_sarif_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(t->dir));
}

/* Writes TEXT to DIR/NAME and returns its path (owned by T). */
static const char *tmp_write(struct tmp *t, const char *name, const char *text)
{
    char *path, buf[PATH_MAX];
    FILE *fp;

    ck_assert_int_lt(t->n, 8);
    path = t->path[t->n++];
    snprintf(buf, sizeof(buf), "%s/%s", t->dir, name);
    memcpy(path, buf, sizeof(buf));
    fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    ck_assert_int_eq(fclose(fp), 0);
    return path;
}

/* Removes every file of the directory, then the directory. */
static void tmp_fini(struct tmp *t)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
    ck_assert_int_eq(system(cmd), 0);
}

static char *xstrdup(const char *s)
{
    char *copy = strdup(s);
    ck_assert_ptr_nonnull(copy);
    return copy;
}

/* Appends a cross-task-exit finding in FUNCTION: entered at FILE:ENTER, exited at FILE:EXIT. */
static struct ct_finding *add_finding(struct ct_report *r, const char *file, unsigned enter,
                                      unsigned exit, const char *function)
{
    struct ct_finding *f;
    char msg[256];

    r->findings = realloc(r->findings, (r->nfindings + 1) * sizeof(*r->findings));
    ck_assert_ptr_nonnull(r->findings);
    f = &r->findings[r->nfindings++];
    memset(f, 0, sizeof(*f));
    snprintf(msg, sizeof(msg),
             "pthread mutex 'ctx->mu' is unlocked in thread 'worker_main' but was locked in "
             "thread 'main' at %s:%u", file, enter);
    f->diag = CT_DIAG_CROSS_TASK_EXIT;
    f->message = xstrdup(msg);
    f->loc = (struct ct_loc){file, exit, 5};
    f->scope_kind = "pthread-mutex";
    f->resource = xstrdup("ctx->mu");
    f->affinity = CT_AFFINITY_THREAD;
    f->enter = (struct ct_loc){file, enter, 5};
    f->enter_task = "main";
    f->exit = (struct ct_loc){file, exit, 5};
    f->exit_task = "worker_main";
    f->edge = "spawn";
    f->function = function;
    return f;
}

static void add_step(struct ct_finding *f, const char *file, unsigned line, unsigned col,
                     const char *message)
{
    f->trace = realloc(f->trace, (f->ntrace + 1) * sizeof(*f->trace));
    ck_assert_ptr_nonnull(f->trace);
    f->trace[f->ntrace].loc = (struct ct_loc){file, line, col};
    f->trace[f->ntrace].message = xstrdup(message);
    f->ntrace++;
}

/* A session: main locks (line 17) and spawns, the worker unlocks (line 9). */
static const char session_c[] =
    "#include <pthread.h>\n"                                   /* 1 */
    "#include <stddef.h>\n"                                    /* 2 */
    "\n"                                                       /* 3 */
    "struct session { pthread_mutex_t mu; };\n"                /* 4 */
    "\n"                                                       /* 5 */
    "static void *worker_main(void *arg)\n"                    /* 6 */
    "{\n"                                                      /* 7 */
    "    struct session *ctx = arg;\n"                         /* 8 */
    "    pthread_mutex_unlock(&ctx->mu);\n"                    /* 9 */
    "    return NULL;\n"                                       /* 10 */
    "}\n"                                                      /* 11 */
    "\n"                                                       /* 12 */
    "int main(void)\n"                                         /* 13 */
    "{\n"                                                      /* 14 */
    "    struct session s = {PTHREAD_MUTEX_INITIALIZER};\n"    /* 15 */
    "    pthread_t t;\n"                                       /* 16 */
    "    pthread_mutex_lock(&s.mu);\n"                         /* 17 */
    "    pthread_create(&t, NULL, worker_main, &s);\n"         /* 18 */
    "    pthread_join(t, NULL);\n"                             /* 19 */
    "    return 0;\n"                                          /* 20 */
    "}\n";                                                     /* 21 */

/* The same program moved down 10 lines, reindented, with comments on the enter and exit lines. */
static const char session_moved_c[] =
    "/* A licence header\n * of ten lines\n *\n *\n *\n *\n *\n *\n *\n */\n"
    "#include <pthread.h>\n"
    "#include <stddef.h>\n"
    "\n"
    "struct session { pthread_mutex_t mu; };\n"
    "\n"
    "static void *worker_main(void *arg)\n"
    "{\n"
    "    struct session *ctx = arg;\n"
    "\tpthread_mutex_unlock(&ctx->mu);   // NOLINT(cross-task-exit): known\n" /* 19 */
    "    return NULL;\n"
    "}\n"
    "\n"
    "int main(void)\n"
    "{\n"
    "    struct session s = {PTHREAD_MUTEX_INITIALIZER};\n"
    "    pthread_t t;\n"
    "    pthread_mutex_lock(&s.mu); /* held across the spawn */\r\n"           /* 27 */
    "    pthread_create(&t, NULL, worker_main, &s);\n"
    "    pthread_join(t, NULL);\n"
    "    return 0;\n"
    "}\n";

static void fingerprint_of(const struct ct_finding *f, struct ct_source_cache *src, char *out)
{
    ck_assert_int_eq(ct_finding_fingerprint(f, src, out), 0);
    ck_assert_uint_eq(strlen(out), 32);
    ck_assert_uint_eq(strspn(out, "0123456789abcdef"), 32);
}

/* --- fingerprints ------------------------------------------------------------------------ */

START_TEST(test_source_line_returns_each_line_without_terminator_or_null)
{
    struct tmp t;
    struct ct_source_cache *src = ct_source_cache_new();
    const char *path;

    ck_assert_ptr_nonnull(src);
    tmp_init(&t);
    path = tmp_write(&t, "lines.c", "first\r\nsecond\n\nlast without newline");
    ck_assert_str_eq(ct_source_line(src, path, 1), "first");
    ck_assert_str_eq(ct_source_line(src, path, 2), "second");
    ck_assert_str_eq(ct_source_line(src, path, 3), "");
    ck_assert_str_eq(ct_source_line(src, path, 4), "last without newline");
    ck_assert_ptr_null(ct_source_line(src, path, 5));
    ck_assert_ptr_null(ct_source_line(src, path, 0));
    ck_assert_ptr_null(ct_source_line(src, "/tmp/ct_sarif_no_such_dir/none.c", 1));
    ck_assert_ptr_null(ct_source_line(src, t.dir, 1)); /* a directory has no lines */
    ck_assert_ptr_null(ct_source_line(NULL, path, 1));
    /* Read once: the file changing afterwards does not change what the cache says. */
    tmp_write(&t, "lines.c", "changed\n");
    ck_assert_str_eq(ct_source_line(src, path, 1), "first");
    ct_source_cache_free(src);
    ct_source_cache_free(NULL);
    tmp_fini(&t);
}
END_TEST

START_TEST(test_source_cache_holds_many_files)
{
    struct tmp t;
    struct ct_source_cache *src = ct_source_cache_new();
    char name[PATH_MAX], text[64];

    tmp_init(&t);
    for (int i = 0; i < 100; i++) {
        FILE *fp;
        snprintf(name, sizeof(name), "%s/f%d.c", t.dir, i);
        fp = fopen(name, "w");
        ck_assert_ptr_nonnull(fp);
        fprintf(fp, "line one of %d\nline two of %d\n", i, i);
        fclose(fp);
    }
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 100; i++) {
            snprintf(name, sizeof(name), "%s/f%d.c", t.dir, i);
            snprintf(text, sizeof(text), "line two of %d", i);
            ck_assert_str_eq(ct_source_line(src, name, 2), text);
        }
    ct_source_cache_free(src);
    tmp_fini(&t);
}
END_TEST

START_TEST(test_fingerprint_survives_code_moving_down_ten_lines)
{
    struct tmp t;
    struct ct_report r;
    struct ct_source_cache *src = ct_source_cache_new();
    char a[33], b[33];

    tmp_init(&t);
    ct_report_init(&r);
    add_finding(&r, tmp_write(&t, "session.c", session_c), 17, 9, "worker_main");
    add_finding(&r, tmp_write(&t, "moved.c", session_moved_c), 27, 19, "worker_main");
    fingerprint_of(&r.findings[0], src, a);
    fingerprint_of(&r.findings[1], src, b);
    ck_assert_str_eq(a, b);
    /* ...and does not depend on the columns or the message either. */
    r.findings[1].loc.col = r.findings[1].exit.col = 1;
    fingerprint_of(&r.findings[1], src, b);
    ck_assert_str_eq(a, b);
    ct_report_fini(&r);
    ct_source_cache_free(src);
    tmp_fini(&t);
}
END_TEST

START_TEST(test_fingerprint_changes_when_the_exit_or_enter_line_changes)
{
    struct tmp t;
    struct ct_report r;
    struct ct_source_cache *src = ct_source_cache_new();
    char base[33], other[33];
    char *edited = xstrdup(session_c);
    struct ct_finding moved;
    const char *orig_path, *path;

    /* The exit line now unlocks another field: a different finding. */
    memcpy(strstr(edited, "&ctx->mu"), "&ctx->mx", 8);
    tmp_init(&t);
    ct_report_init(&r);
    orig_path = tmp_write(&t, "session.c", session_c);
    path = tmp_write(&t, "edited.c", edited);
    add_finding(&r, orig_path, 17, 9, "worker_main");
    add_finding(&r, path, 17, 9, "worker_main");
    fingerprint_of(&r.findings[0], src, base);
    fingerprint_of(&r.findings[1], src, other);
    ck_assert_str_ne(base, other);
    /* The enter line counts too: point the enter at another line of the same file. */
    moved = r.findings[0];
    moved.enter.line = 18;
    fingerprint_of(&moved, src, other);
    ck_assert_str_ne(base, other);
    ct_report_fini(&r);
    free(edited);
    ct_source_cache_free(src);
    tmp_fini(&t);
}
END_TEST

START_TEST(test_fingerprint_depends_on_rule_function_and_scope_kind)
{
    struct tmp t;
    struct ct_report r;
    struct ct_source_cache *src = ct_source_cache_new();
    char base[33], other[33];

    tmp_init(&t);
    ct_report_init(&r);
    add_finding(&r, tmp_write(&t, "session.c", session_c), 17, 9, "worker_main");
    fingerprint_of(&r.findings[0], src, base);
    r.findings[0].function = "session_finish";
    fingerprint_of(&r.findings[0], src, other);
    ck_assert_str_ne(base, other);
    r.findings[0].function = "worker_main";
    r.findings[0].scope_kind = "c11-mutex";
    fingerprint_of(&r.findings[0], src, other);
    ck_assert_str_ne(base, other);
    r.findings[0].scope_kind = "pthread-mutex";
    r.findings[0].function = NULL;
    fingerprint_of(&r.findings[0], src, other);
    ck_assert_str_ne(base, other);
    r.findings[0].function = "worker_main";
    fingerprint_of(&r.findings[0], src, other);
    ck_assert_str_eq(base, other);
    ct_report_fini(&r);
    ct_source_cache_free(src);
    tmp_fini(&t);
}
END_TEST

START_TEST(test_fingerprint_keeps_comment_markers_inside_string_literals)
{
    struct tmp t;
    struct ct_report r;
    struct ct_source_cache *src = ct_source_cache_new();
    char a[33], b[33];

    tmp_init(&t);
    ct_report_init(&r);
    add_finding(&r, tmp_write(&t, "a.c", "log(\"a // b\", \"/* x */\");\nunlock(\"'\\\"//\");\n"),
                1, 2, "f");
    add_finding(&r, tmp_write(&t, "b.c", "log(\"a // c\", \"/* x */\");\nunlock(\"'\\\"//\");\n"),
                1, 2, "f");
    fingerprint_of(&r.findings[0], src, a);
    fingerprint_of(&r.findings[1], src, b);
    ck_assert_str_ne(a, b);
    ct_report_fini(&r);
    ct_source_cache_free(src);
    tmp_fini(&t);
}
END_TEST

START_TEST(test_fingerprint_of_an_unreadable_file_falls_back_to_the_resource)
{
    struct ct_report r;
    char a[33], b[33], c[33];
    const char *missing = "/tmp/ct_sarif_no_such_dir/gone.c";

    ct_report_init(&r);
    add_finding(&r, missing, 17, 9, "worker_main");
    add_finding(&r, missing, 30, 40, "worker_main");
    add_finding(&r, missing, 17, 9, "worker_main");
    free(r.findings[2].resource);
    r.findings[2].resource = xstrdup("ctx->other");
    fingerprint_of(&r.findings[0], NULL, a);
    fingerprint_of(&r.findings[1], NULL, b);
    fingerprint_of(&r.findings[2], NULL, c);
    ck_assert_str_eq(a, b);
    ck_assert_str_ne(a, c);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_report_fingerprints_number_duplicates_in_report_order)
{
    struct tmp t;
    struct ct_report r;
    char fps[4][40], single[33];
    const char *path;

    /* The same lock/unlock pattern three times in one function: equal fingerprints. */
    tmp_init(&t);
    path = tmp_write(&t, "repeat.c",
                     "void worker(void)\n{\n"
                     "    lock(&mu);\n    unlock(&mu);\n"   /* 3, 4 */
                     "    lock(&mu);\n    unlock(&mu);\n"   /* 5, 6 */
                     "    lock(&mu);\n    unlock(&mu);\n"   /* 7, 8 */
                     "    lock(&other);\n    unlock(&other);\n}\n"); /* 9, 10 */
    ct_report_init(&r);
    add_finding(&r, path, 3, 4, "worker");
    add_finding(&r, path, 5, 6, "worker");
    add_finding(&r, path, 9, 10, "worker");
    add_finding(&r, path, 7, 8, "worker");
    ck_assert_int_eq(ct_report_fingerprints(&r, NULL, fps), 0);
    ck_assert_int_eq(ct_finding_fingerprint(&r.findings[0], NULL, single), 0);
    ck_assert_str_eq(fps[0], single);
    ck_assert_uint_eq(strlen(fps[1]), 34);
    ck_assert_int_eq(strncmp(fps[1], single, 32), 0);
    ck_assert_str_eq(fps[1] + 32, ":2");
    ck_assert_uint_eq(strlen(fps[2]), 32);
    ck_assert_str_ne(fps[2], single);
    ck_assert_int_eq(strncmp(fps[3], single, 32), 0);
    ck_assert_str_eq(fps[3] + 32, ":3");
    ct_report_fini(&r);
    ck_assert_int_eq(ct_report_fingerprints(&r, NULL, fps), 0); /* no findings: nothing */
    tmp_fini(&t);
}
END_TEST

/* --- SARIF ------------------------------------------------------------------------------- */

/* REPORT written as SARIF, parsed back (cJSON_Delete it). */
static cJSON *sarif_of(const struct ct_report *r, const struct ct_rules *rules)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    cJSON *doc;

    ck_assert_ptr_nonnull(out);
    ck_assert_int_eq(ct_report_write_sarif(r, rules, NULL, out), 0);
    ck_assert_int_eq(fclose(out), 0);
    ck_assert_uint_gt(len, 0);
    ck_assert_int_eq(text[len - 1], '\n');
    doc = cJSON_Parse(text);
    ck_assert_msg(doc != NULL, "SARIF output does not parse: %s", text);
    free(text);
    return doc;
}

/* The item at a path of object keys and array indices ("runs", "0", "tool", ...), NULL-ended. */
static const cJSON *at(const cJSON *item, ...)
{
    va_list ap;
    const char *key;

    va_start(ap, item);
    while (item && (key = va_arg(ap, const char *)) != NULL) {
        if (cJSON_IsArray(item))
            item = cJSON_GetArrayItem(item, atoi(key));
        else
            item = cJSON_GetObjectItemCaseSensitive(item, key);
    }
    va_end(ap);
    return item;
}

static const char *str_at(const cJSON *item)
{
    ck_assert_msg(cJSON_IsString(item), "expected a string");
    return item->valuestring;
}

static double num_at(const cJSON *item)
{
    ck_assert_msg(cJSON_IsNumber(item), "expected a number");
    return item->valuedouble;
}

/* The finding of DESIGN.md, at a relative path, plus one error. */
static void design_report(struct ct_report *r)
{
    struct ct_finding *f;

    ct_report_init(r);
    f = add_finding(r, "src/session.c", 27, 41, "worker_main");
    add_step(f, "src/session.c", 27, 5, "locked here");
    add_step(f, "src/session.c", 30, 3,
             "'worker_main' starts here in a new thread (pthread_create)");
    ck_assert_int_eq(ct_report_add_error(r, "src/broken.c", 13, 34,
                                         "expected ';' after return statement"), 0);
    ck_assert_int_eq(ct_report_add_error(r, NULL, 0, 0, "out of luck"), 0);
}

START_TEST(test_sarif_has_schema_version_and_a_tool_with_every_rule)
{
    struct ct_report r;
    cJSON *doc;
    const cJSON *driver, *rule;

    design_report(&r);
    doc = sarif_of(&r, NULL);
    ck_assert_str_eq(str_at(at(doc, "$schema", NULL)),
                     "https://json.schemastore.org/sarif-2.1.0.json");
    ck_assert_str_eq(str_at(at(doc, "version", NULL)), "2.1.0");
    ck_assert_int_eq(cJSON_GetArraySize(at(doc, "runs", NULL)), 1);
    driver = at(doc, "runs", "0", "tool", "driver", NULL);
    ck_assert_str_eq(str_at(at(driver, "name", NULL)), "crosstask");
    ck_assert_str_eq(str_at(at(driver, "version", NULL)), CT_VERSION);
    ck_assert_str_eq(str_at(at(driver, "semanticVersion", NULL)), CT_VERSION);
    ck_assert_int_eq(strncmp(str_at(at(driver, "informationUri", NULL)), "https://", 8), 0);
    ck_assert_int_eq(cJSON_GetArraySize(at(driver, "rules", NULL)), CT_DIAG_COUNT);
    for (int d = 0; d < CT_DIAG_COUNT; d++) {
        char index[16];
        snprintf(index, sizeof(index), "%d", d);
        rule = at(driver, "rules", index, NULL);
        ck_assert_str_eq(str_at(at(rule, "id", NULL)), ct_diag_info((enum ct_diag)d)->name);
        ck_assert_ptr_null(strchr(str_at(at(rule, "name", NULL)), '-'));
        ck_assert_uint_gt(strlen(str_at(at(rule, "shortDescription", "text", NULL))), 10);
        ck_assert_str_eq(str_at(at(rule, "fullDescription", "text", NULL)),
                         ct_diag_explain((enum ct_diag)d)->what);
        ck_assert_ptr_nonnull(strstr(str_at(at(rule, "help", "text", NULL)),
                                     ct_diag_explain((enum ct_diag)d)->why));
        ck_assert_ptr_nonnull(strstr(str_at(at(rule, "help", "markdown", NULL)), "```c\n"));
        ck_assert_str_eq(str_at(at(rule, "defaultConfiguration", "level", NULL)),
                         ct_diag_info((enum ct_diag)d)->severity);
        ck_assert(cJSON_IsArray(at(rule, "properties", "tags", NULL)));
    }
    rule = at(driver, "rules", "0", NULL);
    ck_assert_str_eq(str_at(at(rule, "id", NULL)), "cross-task-exit");
    ck_assert_str_eq(str_at(at(rule, "name", NULL)), "CrossTaskExit");
    ck_assert_str_eq(str_at(at(rule, "shortDescription", "text", NULL)),
                     "A scope entered in one task is exited in another task or thread.");
    ck_assert_str_eq(str_at(at(doc, "runs", "0", "columnKind", NULL)), "utf16CodeUnits");
    cJSON_Delete(doc);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_sarif_result_has_location_related_enter_site_code_flow_and_fingerprint)
{
    struct ct_report r;
    cJSON *doc;
    const cJSON *res, *phys, *rel, *flow, *base;
    char fps[1][40];
    char cwd[PATH_MAX];

    design_report(&r);
    doc = sarif_of(&r, NULL);
    ck_assert_int_eq(cJSON_GetArraySize(at(doc, "runs", "0", "results", NULL)), 1);
    res = at(doc, "runs", "0", "results", "0", NULL);
    ck_assert_str_eq(str_at(at(res, "ruleId", NULL)), "cross-task-exit");
    ck_assert_int_eq((int)num_at(at(res, "ruleIndex", NULL)), 0);
    ck_assert_str_eq(str_at(at(res, "level", NULL)), "warning");
    ck_assert_str_eq(str_at(at(res, "message", "text", NULL)), r.findings[0].message);

    ck_assert_int_eq(cJSON_GetArraySize(at(res, "locations", NULL)), 1);
    phys = at(res, "locations", "0", "physicalLocation", NULL);
    ck_assert_str_eq(str_at(at(phys, "artifactLocation", "uri", NULL)), "src/session.c");
    ck_assert_str_eq(str_at(at(phys, "artifactLocation", "uriBaseId", NULL)), "%SRCROOT%");
    ck_assert_int_eq((int)num_at(at(phys, "region", "startLine", NULL)), 41);
    ck_assert_int_eq((int)num_at(at(phys, "region", "startColumn", NULL)), 5);
    ck_assert_ptr_null(at(phys, "region", "snippet", NULL)); /* src/session.c does not exist */

    rel = at(res, "relatedLocations", "0", NULL);
    ck_assert_int_eq((int)num_at(at(rel, "id", NULL)), 1);
    ck_assert_str_eq(str_at(at(rel, "message", "text", NULL)), "locked here");
    ck_assert_int_eq((int)num_at(at(rel, "physicalLocation", "region", "startLine", NULL)), 27);

    flow = at(res, "codeFlows", "0", "threadFlows", "0", "locations", NULL);
    ck_assert_int_eq(cJSON_GetArraySize(flow), 3); /* the two steps, then the exit */
    ck_assert_str_eq(str_at(at(flow, "0", "location", "message", "text", NULL)), "locked here");
    ck_assert_int_eq((int)num_at(at(flow, "0", "executionOrder", NULL)), 1);
    ck_assert_str_eq(str_at(at(flow, "0", "kinds", "0", NULL)), "acquire");
    ck_assert_int_eq(
        (int)num_at(at(flow, "1", "location", "physicalLocation", "region", "startLine", NULL)),
        30);
    ck_assert_int_eq((int)num_at(at(flow, "2", "executionOrder", NULL)), 3);
    ck_assert_str_eq(str_at(at(flow, "2", "location", "message", "text", NULL)),
                     "exited here in 'worker_main'");
    ck_assert_int_eq(
        (int)num_at(at(flow, "2", "location", "physicalLocation", "region", "startLine", NULL)),
        41);

    ck_assert_int_eq(ct_report_fingerprints(&r, NULL, fps), 0);
    ck_assert_str_eq(str_at(at(res, "partialFingerprints", "crosstaskFingerprint/v1", NULL)),
                     fps[0]);
    ck_assert_str_eq(str_at(at(res, "properties", "scopeKind", NULL)), "pthread-mutex");
    ck_assert_str_eq(str_at(at(res, "properties", "resource", NULL)), "ctx->mu");

    base = at(doc, "runs", "0", "originalUriBaseIds", "%SRCROOT%", "uri", NULL);
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
    ck_assert_int_eq(strncmp(str_at(base), "file:///", 8), 0);
    ck_assert_int_eq(str_at(base)[strlen(str_at(base)) - 1], '/');
    cJSON_Delete(doc);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_sarif_reports_errors_as_notifications_and_unsuccessful_execution)
{
    struct ct_report r;
    cJSON *doc;
    const cJSON *inv, *note;

    design_report(&r);
    ct_report_sort(&r);
    doc = sarif_of(&r, NULL);
    inv = at(doc, "runs", "0", "invocations", "0", NULL);
    ck_assert(cJSON_IsFalse(at(inv, "executionSuccessful", NULL)));
    ck_assert_int_eq(cJSON_GetArraySize(at(inv, "toolExecutionNotifications", NULL)), 2);
    note = at(inv, "toolExecutionNotifications", "0", NULL); /* NULL file sorts first */
    ck_assert_str_eq(str_at(at(note, "level", NULL)), "error");
    ck_assert_str_eq(str_at(at(note, "message", "text", NULL)), "out of luck");
    ck_assert_ptr_null(at(note, "locations", NULL));
    note = at(inv, "toolExecutionNotifications", "1", NULL);
    ck_assert_str_eq(str_at(at(note, "message", "text", NULL)),
                     "expected ';' after return statement");
    ck_assert_str_eq(
        str_at(at(note, "locations", "0", "physicalLocation", "artifactLocation", "uri", NULL)),
        "src/broken.c");
    ck_assert_int_eq(
        (int)num_at(at(note, "locations", "0", "physicalLocation", "region", "startLine", NULL)),
        13);
    cJSON_Delete(doc);
    ct_report_fini(&r);

    ct_report_init(&r);
    doc = sarif_of(&r, NULL);
    inv = at(doc, "runs", "0", "invocations", "0", NULL);
    ck_assert(cJSON_IsTrue(at(inv, "executionSuccessful", NULL)));
    ck_assert_ptr_null(at(inv, "toolExecutionNotifications", NULL));
    ck_assert(cJSON_IsArray(at(doc, "runs", "0", "results", NULL)));
    ck_assert_int_eq(cJSON_GetArraySize(at(doc, "runs", "0", "results", NULL)), 0);
    cJSON_Delete(doc);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_sarif_uris_relative_to_srcroot_or_percent_encoded_file_uris)
{
    struct ct_report r;
    cJSON *doc;
    const cJSON *art;
    char cwd[PATH_MAX], under[PATH_MAX + 32];

    ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
    snprintf(under, sizeof(under), "%s/src/in cwd.c", strcmp(cwd, "/") == 0 ? "" : cwd);
    ct_report_init(&r);
    add_finding(&r, "/nonexistent/dir/a b#1%\xc3\xa9.c", 1, 2, "f");
    add_finding(&r, "./lib/./x.c", 1, 2, "f");
    add_finding(&r, under, 1, 2, "f");
    add_finding(&r, "../up.c", 1, 2, "f");
    doc = sarif_of(&r, NULL);

    art = at(doc, "runs", "0", "results", "0", "locations", "0", "physicalLocation",
             "artifactLocation", NULL);
    ck_assert_str_eq(str_at(at(art, "uri", NULL)), "file:///nonexistent/dir/a%20b%231%25%C3%A9.c");
    ck_assert_ptr_null(at(art, "uriBaseId", NULL));
    art = at(doc, "runs", "0", "results", "1", "locations", "0", "physicalLocation",
             "artifactLocation", NULL);
    ck_assert_str_eq(str_at(at(art, "uri", NULL)), "lib/./x.c");
    ck_assert_str_eq(str_at(at(art, "uriBaseId", NULL)), "%SRCROOT%");
    art = at(doc, "runs", "0", "results", "2", "locations", "0", "physicalLocation",
             "artifactLocation", NULL);
    ck_assert_str_eq(str_at(at(art, "uri", NULL)), "src/in%20cwd.c");
    ck_assert_str_eq(str_at(at(art, "uriBaseId", NULL)), "%SRCROOT%");
    art = at(doc, "runs", "0", "results", "3", "locations", "0", "physicalLocation",
             "artifactLocation", NULL);
    ck_assert_str_eq(str_at(at(art, "uri", NULL)), "../up.c");
    cJSON_Delete(doc);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_sarif_columns_count_utf16_code_units)
{
    struct tmp t;
    struct ct_report r;
    cJSON *doc;
    const char *path;

    /* "é" is 2 bytes and 1 unit, "😀" 4 bytes and 2 units: the x at byte column 12 is at
     * UTF-16 column 9. */
    tmp_init(&t);
    path = tmp_write(&t, "wide.c", "/*\xc3\xa9\xf0\x9f\x98\x80*/ x = 1;\n");
    ct_report_init(&r);
    add_finding(&r, path, 1, 1, "f");
    r.findings[0].loc.col = 12;
    doc = sarif_of(&r, NULL);
    ck_assert_int_eq((int)num_at(at(doc, "runs", "0", "results", "0", "locations", "0",
                                    "physicalLocation", "region", "startColumn", NULL)),
                     9);
    /* The region's snippet runs from the column to the end of the line; the context region
     * holds the lines around it (here, the only one). */
    ck_assert_str_eq(str_at(at(doc, "runs", "0", "results", "0", "locations", "0",
                               "physicalLocation", "region", "snippet", "text", NULL)),
                     "x = 1;");
    ck_assert_int_eq((int)num_at(at(doc, "runs", "0", "results", "0", "locations", "0",
                                    "physicalLocation", "contextRegion", "endLine", NULL)),
                     1);
    cJSON_Delete(doc);
    ct_report_fini(&r);
    tmp_fini(&t);
}
END_TEST

START_TEST(test_sarif_stays_valid_json_with_invalid_utf8)
{
    struct ct_report r;
    cJSON *doc;

    ct_report_init(&r);
    add_finding(&r, "bad\xff.c", 3, 4, "f\xc0");
    free(r.findings[0].message);
    r.findings[0].message = xstrdup("unlocked \xed\xa0\x80 here\x01");
    doc = sarif_of(&r, NULL);
    ck_assert_str_eq(str_at(at(doc, "runs", "0", "results", "0", "message", "text", NULL)),
                     "unlocked \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd here\x01");
    ck_assert_str_eq(str_at(at(doc, "runs", "0", "results", "0", "locations", "0",
                               "physicalLocation", "artifactLocation", "uri", NULL)),
                     "bad%FF.c");
    cJSON_Delete(doc);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_sarif_lists_rule_packs_as_extensions_and_uses_their_verbs)
{
    struct ct_rules rules;
    struct ct_report r;
    struct ct_error err = {0};
    char dir[PATH_MAX];
    cJSON *doc;
    const cJSON *exts, *flow;
    bool posix = false;

    snprintf(dir, sizeof(dir), "%s/rules/posix.json", ct_test_srcdir);
    ct_rules_init(&rules);
    ck_assert_msg(ct_rules_load(&rules, dir, &err) == 0, "%s", err.msg);
    design_report(&r);
    r.findings[0].scope_kind = ct_intern("pthread-mutex");
    doc = sarif_of(&r, &rules);
    exts = at(doc, "runs", "0", "tool", "extensions", NULL);
    ck_assert_int_eq(cJSON_GetArraySize(exts), (int)rules.npacks);
    for (int i = 0; i < cJSON_GetArraySize(exts); i++)
        posix |= strcmp(str_at(at(cJSON_GetArrayItem(exts, i), "name", NULL)), "posix") == 0;
    ck_assert(posix);
    flow = at(doc, "runs", "0", "results", "0", "codeFlows", "0", "threadFlows", "0", "locations",
              "2", NULL);
    ck_assert_str_eq(str_at(at(flow, "location", "message", "text", NULL)),
                     "unlocked here in 'worker_main'");
    ck_assert_str_eq(str_at(at(flow, "kinds", "0", NULL)), "release");
    cJSON_Delete(doc);
    ct_report_fini(&r);
    ct_rules_fini(&rules);
}
END_TEST

START_TEST(test_sarif_returns_eio_when_the_stream_fails)
{
    struct ct_report r;
    FILE *ro = fopen("/dev/null", "r");

    ck_assert_ptr_nonnull(ro);
    design_report(&r);
    ck_assert_int_eq(ct_report_write_sarif(&r, NULL, NULL, ro), CT_EIO);
    fclose(ro);
    ct_report_fini(&r);
}
END_TEST

/* --- baselines --------------------------------------------------------------------------- */

/* The whole of PATH (free it). */
static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *text;
    long n;

    ck_assert_ptr_nonnull(fp);
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    text = calloc(1, (size_t)n + 1);
    ck_assert_ptr_nonnull(text);
    ck_assert_uint_eq(fread(text, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    return text;
}

/* Number of entries of DIR (besides . and ..). */
static int count_entries(const char *dir)
{
    char cmd[PATH_MAX + 32];
    FILE *p;
    int n = -1;

    snprintf(cmd, sizeof(cmd), "ls -A '%s' | wc -l", dir);
    p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(fscanf(p, "%d", &n), 1);
    pclose(p);
    return n;
}

START_TEST(test_baseline_round_trip_keeps_only_new_findings_after_code_moves)
{
    struct tmp t;
    struct ct_report r;
    struct ct_error err = {0};
    const char *old_path, *new_path, *baseline, *other;
    size_t removed = 99;
    cJSON *doc;
    char *text;

    tmp_init(&t);
    old_path = tmp_write(&t, "session.c", session_c);
    new_path = tmp_write(&t, "moved.c", session_moved_c);
    other = tmp_write(&t, "other.c", "void g(void)\n{\n    lock(&a);\n    unlock(&a);\n}\n");
    baseline = tmp_write(&t, "crosstask-baseline.json", "stale");

    ct_report_init(&r);
    add_finding(&r, old_path, 17, 9, "worker_main");
    ck_assert_int_eq(ct_baseline_write(&r, NULL, baseline, &err), 0);
    ck_assert_int_eq(count_entries(t.dir), 4); /* no temporary file left behind */
    text = slurp(baseline);
    doc = cJSON_Parse(text);
    ck_assert_ptr_nonnull(doc);
    ck_assert_str_eq(str_at(at(doc, "tool", NULL)), "crosstask");
    ck_assert_int_eq((int)num_at(at(doc, "version", NULL)), 1);
    ck_assert_int_eq(cJSON_GetArraySize(at(doc, "findings", NULL)), 1);
    ck_assert_uint_eq(strlen(str_at(at(doc, "findings", "0", "fingerprint", NULL))), 32);
    ck_assert_str_eq(str_at(at(doc, "findings", "0", "rule", NULL)), "cross-task-exit");
    ck_assert_str_eq(str_at(at(doc, "findings", "0", "file", NULL)), old_path);
    ck_assert_str_eq(str_at(at(doc, "findings", "0", "message", NULL)), r.findings[0].message);
    cJSON_Delete(doc);
    free(text);
    ct_report_fini(&r);

    /* Later: the same finding moved down 10 lines, and a new one elsewhere. */
    ct_report_init(&r);
    add_finding(&r, new_path, 27, 19, "worker_main");
    add_step(&r.findings[0], new_path, 27, 5, "locked here");
    add_finding(&r, other, 3, 4, "g");
    ck_assert_int_eq(ct_baseline_filter(&r, NULL, baseline, &removed, &err), 0);
    ck_assert_uint_eq(removed, 1);
    ck_assert_uint_eq(r.nfindings, 1);
    ck_assert_str_eq(r.findings[0].loc.file, other);
    ct_report_fini(&r);
    tmp_fini(&t);
}
END_TEST

START_TEST(test_baseline_counts_repeated_patterns_by_ordinal)
{
    struct tmp t;
    struct ct_report r;
    struct ct_error err = {0};
    const char *path;
    char baseline[PATH_MAX];
    size_t removed = 0;
    static const char twice[] = "void w(void)\n{\n    lock(&mu);\n    unlock(&mu);\n"
                                "    lock(&mu);\n    unlock(&mu);\n";

    tmp_init(&t);
    path = tmp_write(&t, "w.c", twice);
    snprintf(baseline, sizeof(baseline), "%s/base.json", t.dir);
    ct_report_init(&r);
    add_finding(&r, path, 3, 4, "w");
    add_finding(&r, path, 5, 6, "w");
    ck_assert_int_eq(ct_baseline_write(&r, NULL, baseline, &err), 0);
    ct_report_fini(&r);

    /* A third copy of the pattern is new; the first two are known. */
    ct_report_init(&r);
    add_finding(&r, path, 3, 4, "w");
    add_finding(&r, path, 5, 6, "w");
    add_finding(&r, path, 5, 6, "w");
    r.findings[2].loc.line = 7; /* where it is reported does not matter */
    ck_assert_int_eq(ct_baseline_filter(&r, NULL, baseline, &removed, &err), 0);
    ck_assert_uint_eq(removed, 2);
    ck_assert_uint_eq(r.nfindings, 1);
    ck_assert_uint_eq(r.findings[0].loc.line, 7);
    ct_report_fini(&r);
    tmp_fini(&t);
}
END_TEST

/* Filters a one-finding report through a baseline file holding TEXT; checks that it fails with
 * CODE and that the report is unchanged. Returns the error (its file points into T). */
static struct ct_error filter_fails(struct tmp *t, const char *text, int code)
{
    struct ct_report r;
    struct ct_error err = {0};
    const char *baseline = tmp_write(t, "bad.json", text);
    size_t removed = 42;

    ct_report_init(&r);
    add_finding(&r, "src/session.c", 27, 41, "worker_main");
    ck_assert_int_eq(ct_baseline_filter(&r, NULL, baseline, &removed, &err), code);
    ck_assert_int_eq(err.code, code);
    ck_assert_ptr_nonnull(err.file);
    ck_assert_str_eq(err.file, baseline);
    ck_assert_uint_gt(strlen(err.msg), 0);
    ck_assert_uint_eq(r.nfindings, 1);
    ck_assert_uint_eq(removed, 0);
    ct_report_fini(&r);
    t->n--;
    return err;
}

START_TEST(test_baseline_rejects_corrupt_and_foreign_files)
{
    struct tmp t;
    struct ct_error err;

    tmp_init(&t);
    err = filter_fails(&t, "{\"tool\": \"crosstask\",\n \"version\": 1,\n \"findings\": [,]}",
                       CT_EINVAL);
    ck_assert_uint_eq(err.line, 3);
    ck_assert_ptr_nonnull(strstr(err.msg, "malformed JSON"));
    err = filter_fails(&t, "", CT_EINVAL);
    err = filter_fails(&t, "{\"tool\": \"crosstask\", \"version\": 1, \"findings\": []} x",
                       CT_EINVAL);
    err = filter_fails(&t, "[]", CT_EINVAL);
    err = filter_fails(&t, "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", "
                           "\"version\": \"2.1.0\", \"runs\": []}", CT_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.msg, "\"tool\""));
    err = filter_fails(&t, "{\"tool\": \"other\", \"version\": 1, \"findings\": []}", CT_EINVAL);
    err = filter_fails(&t, "{\"tool\": \"crosstask\", \"version\": 2, \"findings\": []}",
                       CT_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.msg, "version 2"));
    err = filter_fails(&t, "{\"tool\": \"crosstask\", \"version\": 1}", CT_EINVAL);
    err = filter_fails(&t, "{\"tool\": \"crosstask\", \"version\": 1, \"findings\": "
                           "[{\"fingerprint\": \"abc\"}, {\"fingerprint\": 7}]}", CT_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.msg, "findings[1].fingerprint"));
    err = filter_fails(&t, "{\"tool\": \"crosstask\", \"version\": 1, \"findings\": [3]}",
                       CT_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.msg, "findings[0]"));
    tmp_fini(&t);
}
END_TEST

START_TEST(test_baseline_missing_file_directory_and_unwritable_place_are_errors)
{
    struct tmp t;
    struct ct_report r;
    struct ct_error err = {0};
    char path[PATH_MAX];
    size_t removed = 5;

    tmp_init(&t);
    ct_report_init(&r);
    add_finding(&r, "src/session.c", 27, 41, "worker_main");
    snprintf(path, sizeof(path), "%s/none.json", t.dir);
    ck_assert_int_eq(ct_baseline_filter(&r, NULL, path, &removed, &err), CT_ENOENT);
    ck_assert_str_eq(err.file, path);
    ck_assert_uint_eq(removed, 0);
    ck_assert_int_eq(ct_baseline_filter(&r, NULL, t.dir, NULL, &err), CT_EISDIR);
    ck_assert_int_eq(ct_baseline_filter(&r, NULL, path, NULL, NULL), CT_ENOENT);
    ck_assert_uint_eq(r.nfindings, 1);

    snprintf(path, sizeof(path), "%s/no/such/dir/base.json", t.dir);
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_baseline_write(&r, NULL, path, &err), CT_EIO);
    ck_assert_str_eq(err.file, path);
    ck_assert_uint_gt(strlen(err.msg), 0);
    /* Writing over a directory fails and leaves no temporary file behind. */
    ck_assert_int_eq(ct_baseline_write(&r, NULL, t.dir, &err), CT_EIO);
    ck_assert_int_eq(count_entries(t.dir), 0);
    snprintf(path, sizeof(path), "%s.tmp-%ld-0", t.dir, (long)getpid());
    ck_assert_int_ne(access(path, F_OK), 0);
    ct_report_fini(&r);
    tmp_fini(&t);
}
END_TEST

START_TEST(test_baseline_of_an_empty_report_filters_nothing)
{
    struct tmp t;
    struct ct_report r;
    struct ct_error err = {0};
    char path[PATH_MAX];
    size_t removed = 5;

    tmp_init(&t);
    snprintf(path, sizeof(path), "%s/empty.json", t.dir);
    ct_report_init(&r);
    ck_assert_int_eq(ct_baseline_write(&r, NULL, path, &err), 0);
    add_finding(&r, "src/session.c", 27, 41, "worker_main");
    ck_assert_int_eq(ct_baseline_filter(&r, NULL, path, &removed, &err), 0);
    ck_assert_uint_eq(removed, 0);
    ck_assert_uint_eq(r.nfindings, 1);
    ct_report_fini(&r);
    tmp_fini(&t);
}
END_TEST

Suite *sarif_suite(void)
{
    Suite *s = suite_create("sarif");
    TCase *fp = tcase_create("fingerprint");
    TCase *sarif = tcase_create("sarif");
    TCase *baseline = tcase_create("baseline");

    tcase_add_test(fp, test_source_line_returns_each_line_without_terminator_or_null);
    tcase_add_test(fp, test_source_cache_holds_many_files);
    tcase_add_test(fp, test_fingerprint_survives_code_moving_down_ten_lines);
    tcase_add_test(fp, test_fingerprint_changes_when_the_exit_or_enter_line_changes);
    tcase_add_test(fp, test_fingerprint_depends_on_rule_function_and_scope_kind);
    tcase_add_test(fp, test_fingerprint_keeps_comment_markers_inside_string_literals);
    tcase_add_test(fp, test_fingerprint_of_an_unreadable_file_falls_back_to_the_resource);
    tcase_add_test(fp, test_report_fingerprints_number_duplicates_in_report_order);
    suite_add_tcase(s, fp);

    tcase_add_test(sarif, test_sarif_has_schema_version_and_a_tool_with_every_rule);
    tcase_add_test(sarif,
                   test_sarif_result_has_location_related_enter_site_code_flow_and_fingerprint);
    tcase_add_test(sarif, test_sarif_reports_errors_as_notifications_and_unsuccessful_execution);
    tcase_add_test(sarif, test_sarif_uris_relative_to_srcroot_or_percent_encoded_file_uris);
    tcase_add_test(sarif, test_sarif_columns_count_utf16_code_units);
    tcase_add_test(sarif, test_sarif_stays_valid_json_with_invalid_utf8);
    tcase_add_test(sarif, test_sarif_lists_rule_packs_as_extensions_and_uses_their_verbs);
    tcase_add_test(sarif, test_sarif_returns_eio_when_the_stream_fails);
    suite_add_tcase(s, sarif);

    tcase_add_test(baseline, test_baseline_round_trip_keeps_only_new_findings_after_code_moves);
    tcase_add_test(baseline, test_baseline_counts_repeated_patterns_by_ordinal);
    tcase_add_test(baseline, test_baseline_rejects_corrupt_and_foreign_files);
    tcase_add_test(baseline, test_baseline_missing_file_directory_and_unwritable_place_are_errors);
    tcase_add_test(baseline, test_baseline_of_an_empty_report_filters_nothing);
    suite_add_tcase(s, baseline);
    return s;
}
