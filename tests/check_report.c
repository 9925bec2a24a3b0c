/* check_report.c - unit tests of the report record (findings.c: lifecycle, errors, sorting,
 * diagnostics table) and the reporters (report_text.c, report_json.c): exact text lines, the
 * JSON shape of DESIGN.md, JSON validity whatever bytes file names and messages hold,
 * --list-rules and --explain, and the explain examples against their testdata files. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "report.h"

/* --- building reports by hand ------------------------------------------------------------ */

static char *xstrdup(const char *s)
{
    char *copy = strdup(s);
    ck_assert_ptr_nonnull(copy);
    return copy;
}

/* Appends a cross-task-exit finding at FILE:LINE:COL with MESSAGE and the usual scope fields. */
static struct ct_finding *add_finding(struct ct_report *r, const char *file, unsigned line,
                                      unsigned col, const char *message)
{
    struct ct_finding *f;

    r->findings = realloc(r->findings, (r->nfindings + 1) * sizeof(*r->findings));
    ck_assert_ptr_nonnull(r->findings);
    f = &r->findings[r->nfindings++];
    memset(f, 0, sizeof(*f));
    f->diag = CT_DIAG_CROSS_TASK_EXIT;
    f->message = xstrdup(message);
    f->loc = (struct ct_loc){file, line, col};
    f->scope_kind = "pthread-mutex";
    f->resource = xstrdup("ctx->mu");
    f->affinity = CT_AFFINITY_THREAD;
    f->enter = (struct ct_loc){file, 27, 3};
    f->enter_task = "main";
    f->exit = (struct ct_loc){file, line, col};
    f->exit_task = "worker_main";
    f->edge = "spawn";
    f->function = "worker_main";
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

/* The finding of DESIGN.md's text example. */
static void add_design_finding(struct ct_report *r)
{
    struct ct_finding *f = add_finding(
        r, "src/session.c", 41, 5,
        "pthread mutex 'ctx->mu' is unlocked in thread 'worker_main' but was locked in thread "
        "'main' at src/session.c:27");
    add_step(f, "src/session.c", 27, 3, "locked here");
    add_step(f, "src/session.c", 30, 3,
             "'worker_main' starts here in a new thread (pthread_create)");
}

/* Text written by the reporter: OUT and ERRS as strings (free both). */
static void capture_text(const struct ct_report *r, char **out_text, char **err_text)
{
    size_t out_len, err_len;
    FILE *out = open_memstream(out_text, &out_len);
    FILE *errs = open_memstream(err_text, &err_len);

    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(errs);
    ck_assert_int_eq(ct_report_write_text(r, out, errs), 0);
    fclose(out);
    fclose(errs);
}

static char *capture_json(const struct ct_report *r)
{
    char *text;
    size_t len;
    FILE *out = open_memstream(&text, &len);

    ck_assert_ptr_nonnull(out);
    ck_assert_int_eq(ct_report_write_json(r, out), 0);
    fclose(out);
    return text;
}

static cJSON *parse_json(const char *text)
{
    cJSON *doc = cJSON_Parse(text);
    ck_assert_msg(doc != NULL, "not valid JSON near: %.60s", cJSON_GetErrorPtr());
    return doc;
}

/* The member KEY of OBJ, which must exist. */
static const cJSON *member(const cJSON *obj, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    ck_assert_msg(item != NULL, "missing key \"%s\"", key);
    return item;
}

static const char *member_string(const cJSON *obj, const char *key)
{
    const cJSON *item = member(obj, key);
    ck_assert_msg(cJSON_IsString(item), "\"%s\" is not a string", key);
    return item->valuestring;
}

static double member_number(const cJSON *obj, const char *key)
{
    const cJSON *item = member(obj, key);
    ck_assert_msg(cJSON_IsNumber(item), "\"%s\" is not a number", key);
    return item->valuedouble;
}

/* True when the NUL-terminated S is well-formed UTF-8, by glibc's iconv: an oracle that shares
 * no code with ct_utf8_sanitize. */
static int is_valid_utf8(const char *s)
{
    iconv_t cd = iconv_open("UTF-32LE", "UTF-8");
    char *in = (char *)s, buf[256];
    size_t inleft = strlen(s);
    int ok = 1;

    ck_assert(cd != (iconv_t)-1);
    while (inleft > 0) {
        char *outp = buf;
        size_t outleft = sizeof(buf);
        if (iconv(cd, &in, &inleft, &outp, &outleft) == (size_t)-1 && errno != E2BIG) {
            ok = 0;
            break;
        }
    }
    iconv_close(cd);
    return ok;
}

/* --- text -------------------------------------------------------------------------------- */

START_TEST(test_text_prints_warning_line_then_one_note_per_trace_step)
{
    struct ct_report r;
    char *out, *errs;

    ct_report_init(&r);
    add_design_finding(&r);
    capture_text(&r, &out, &errs);
    ck_assert_str_eq(out,
                     "src/session.c:41:5: warning: pthread mutex 'ctx->mu' is unlocked in thread "
                     "'worker_main' but was locked in thread 'main' at src/session.c:27 "
                     "[cross-task-exit]\n"
                     "src/session.c:27:3: note: locked here\n"
                     "src/session.c:30:3: note: 'worker_main' starts here in a new thread "
                     "(pthread_create)\n");
    ck_assert_str_eq(errs, "");
    free(out);
    free(errs);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_text_writes_nothing_for_an_empty_report)
{
    struct ct_report r;
    char *out, *errs;

    ct_report_init(&r);
    capture_text(&r, &out, &errs);
    ck_assert_str_eq(out, "");
    ck_assert_str_eq(errs, "");
    free(out);
    free(errs);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_text_writes_errors_to_errs_only_leaving_out_unknown_positions)
{
    struct ct_report r;
    char *out, *errs;

    ct_report_init(&r);
    ck_assert_int_eq(ct_report_add_error(&r, "src/a.c", 3, 14, "expected ';' after expression"), 0);
    ck_assert_int_eq(ct_report_add_error(&r, "src/b.c", 7, 0, "unknown type name 'mutex_t'"), 0);
    ck_assert_int_eq(ct_report_add_error(&r, "src/c.c", 0, 0, "no such file or directory"), 0);
    ck_assert_int_eq(ct_report_add_error(&r, NULL, 0, 0, "no input files"), 0);
    add_finding(&r, "src/d.c", 9, 2, "pthread mutex 'm' is unlocked in thread 'w'");
    capture_text(&r, &out, &errs);
    ck_assert_str_eq(out, "src/d.c:9:2: warning: pthread mutex 'm' is unlocked in thread 'w' "
                          "[cross-task-exit]\n");
    ck_assert_str_eq(errs, "src/a.c:3:14: error: expected ';' after expression\n"
                           "src/b.c:7: error: unknown type name 'mutex_t'\n"
                           "src/c.c: error: no such file or directory\n"
                           "crosstask: error: no input files\n");
    free(out);
    free(errs);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_text_keeps_each_record_on_one_line_despite_control_characters)
{
    struct ct_report r;
    char *out, *errs;
    struct ct_finding *f;

    ct_report_init(&r);
    f = add_finding(&r, "src/odd\nname.c", 1, 1, "line one\nline two\tand \x1b[31mred");
    add_step(f, "src/odd\nname.c", 2, 1, "note\r\n");
    ck_assert_int_eq(ct_report_add_error(&r, "bad\nfile.c", 0, 0, "msg\nmore"), 0);
    capture_text(&r, &out, &errs);
    ck_assert_str_eq(out, "src/odd?name.c:1:1: warning: line one?line two?and ?[31mred "
                          "[cross-task-exit]\n"
                          "src/odd?name.c:2:1: note: note??\n");
    ck_assert_str_eq(errs, "bad?file.c: error: msg?more\n");
    free(out);
    free(errs);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_writers_return_eio_when_the_stream_fails)
{
    struct ct_report r;
    FILE *ro = fopen("/dev/null", "r"); /* every write to it fails */

    ck_assert_ptr_nonnull(ro);
    ct_report_init(&r);
    add_design_finding(&r);
    ck_assert_int_eq(ct_report_write_text(&r, ro, ro), CT_EIO);
    clearerr(ro);
    ck_assert_int_eq(ct_report_write_json(&r, ro), CT_EIO);
    clearerr(ro);
    ck_assert_int_eq(ct_report_write_rule_list(NULL, ro), CT_EIO);
    clearerr(ro);
    ck_assert_int_eq(ct_report_write_explain("cross-task-exit", NULL, ro), CT_EIO);
    fclose(ro);
    ct_report_fini(&r);
}
END_TEST

/* --- JSON -------------------------------------------------------------------------------- */

START_TEST(test_json_has_every_key_of_the_design_shape)
{
    struct ct_report r;
    char *text;
    cJSON *doc;
    const cJSON *tool, *findings, *f, *loc, *scope, *enter, *exit_, *trace, *step, *errors, *e,
        *summary;

    ct_report_init(&r);
    add_design_finding(&r);
    ck_assert_int_eq(ct_report_add_error(&r, "src/broken.c", 3, 1, "expected ';'"), 0);
    r.nfiles = 4;
    r.seconds = 0.2149;
    text = capture_json(&r);
    doc = parse_json(text);

    tool = member(doc, "tool");
    ck_assert_str_eq(member_string(tool, "name"), "crosstask");
    ck_assert_str_eq(member_string(tool, "version"), CT_VERSION);

    findings = member(doc, "findings");
    ck_assert(cJSON_IsArray(findings));
    ck_assert_int_eq(cJSON_GetArraySize(findings), 1);
    f = cJSON_GetArrayItem(findings, 0);
    ck_assert_str_eq(member_string(f, "rule"), "cross-task-exit");
    ck_assert_str_eq(member_string(f, "severity"), "warning");
    ck_assert_str_eq(member_string(f, "message"), r.findings[0].message);
    loc = member(f, "location");
    ck_assert_str_eq(member_string(loc, "file"), "src/session.c");
    ck_assert(member_number(loc, "line") == 41);
    ck_assert(member_number(loc, "column") == 5);
    ck_assert_int_eq(cJSON_GetArraySize(loc), 3);
    scope = member(f, "scope");
    ck_assert_str_eq(member_string(scope, "kind"), "pthread-mutex");
    ck_assert_str_eq(member_string(scope, "resource"), "ctx->mu");
    ck_assert_str_eq(member_string(scope, "affinity"), "thread");
    enter = member(f, "enter");
    ck_assert_str_eq(member_string(enter, "file"), "src/session.c");
    ck_assert(member_number(enter, "line") == 27);
    ck_assert(member_number(enter, "column") == 3);
    ck_assert_str_eq(member_string(enter, "task"), "main");
    exit_ = member(f, "exit");
    ck_assert_str_eq(member_string(exit_, "file"), "src/session.c");
    ck_assert(member_number(exit_, "line") == 41);
    ck_assert(member_number(exit_, "column") == 5);
    ck_assert_str_eq(member_string(exit_, "task"), "worker_main");
    ck_assert_str_eq(member_string(f, "edge"), "spawn");
    trace = member(f, "trace");
    ck_assert_int_eq(cJSON_GetArraySize(trace), 2);
    step = cJSON_GetArrayItem(trace, 1);
    ck_assert_str_eq(member_string(step, "file"), "src/session.c");
    ck_assert(member_number(step, "line") == 30);
    ck_assert(member_number(step, "column") == 3);
    ck_assert_str_eq(member_string(step, "message"),
                     "'worker_main' starts here in a new thread (pthread_create)");
    ck_assert_int_eq(cJSON_GetArraySize(f), 9);

    errors = member(doc, "errors");
    ck_assert_int_eq(cJSON_GetArraySize(errors), 1);
    e = cJSON_GetArrayItem(errors, 0);
    ck_assert_str_eq(member_string(e, "file"), "src/broken.c");
    ck_assert(member_number(e, "line") == 3);
    ck_assert(member_number(e, "column") == 1);
    ck_assert_str_eq(member_string(e, "message"), "expected ';'");

    summary = member(doc, "summary");
    ck_assert(member_number(summary, "files") == 4);
    ck_assert(member_number(summary, "findings") == 1);
    ck_assert(member_number(summary, "errors") == 1);
    ck_assert(member_number(summary, "seconds") == 0.21);
    ck_assert_ptr_nonnull(strstr(text, "\"seconds\": 0.21\n"));
    ck_assert_int_eq(cJSON_GetArraySize(doc), 4);

    cJSON_Delete(doc);
    free(text);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_json_is_pretty_printed_with_two_spaces_and_a_final_newline)
{
    struct ct_report r;
    char *text;

    ct_report_init(&r);
    text = capture_json(&r);
    ck_assert_str_eq(text, "{\n"
                           "  \"tool\": {\n"
                           "    \"name\": \"crosstask\",\n"
                           "    \"version\": \"" CT_VERSION "\"\n"
                           "  },\n"
                           "  \"findings\": [],\n"
                           "  \"errors\": [],\n"
                           "  \"summary\": {\n"
                           "    \"files\": 0,\n"
                           "    \"findings\": 0,\n"
                           "    \"errors\": 0,\n"
                           "    \"seconds\": 0\n"
                           "  }\n"
                           "}\n");
    free(text);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_json_puts_each_array_element_on_its_own_indented_lines)
{
    struct ct_report r;
    char *text;

    ct_report_init(&r);
    add_design_finding(&r);
    text = capture_json(&r);
    ck_assert_ptr_nonnull(
        strstr(text, "  \"findings\": [\n    {\n      \"rule\": \"cross-task-exit\",\n"));
    ck_assert_ptr_nonnull(strstr(text, "      \"trace\": [\n        {\n          \"file\": "));
    ck_assert_ptr_null(strchr(text, '\t'));
    free(text);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_json_writes_null_for_unknown_file_line_and_column)
{
    struct ct_report r;
    char *text;
    cJSON *doc;
    const cJSON *errors, *e0, *e1;

    ct_report_init(&r);
    ck_assert_int_eq(ct_report_add_error(&r, NULL, 0, 0, "no input files"), 0);
    ck_assert_int_eq(ct_report_add_error(&r, "src/gone.c", 0, 0, "no such file"), 0);
    text = capture_json(&r);
    doc = parse_json(text);
    errors = member(doc, "errors");
    e0 = cJSON_GetArrayItem(errors, 0);
    ck_assert(cJSON_IsNull(member(e0, "file")));
    ck_assert(cJSON_IsNull(member(e0, "line")));
    ck_assert(cJSON_IsNull(member(e0, "column")));
    ck_assert_str_eq(member_string(e0, "message"), "no input files");
    e1 = cJSON_GetArrayItem(errors, 1);
    ck_assert_str_eq(member_string(e1, "file"), "src/gone.c");
    ck_assert(cJSON_IsNull(member(e1, "line")));
    cJSON_Delete(doc);
    free(text);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_json_writes_null_scope_and_sites_for_a_finding_without_a_scope)
{
    struct ct_report r;
    struct ct_finding *f;
    char *text;
    cJSON *doc;
    const cJSON *item;

    ct_report_init(&r);
    f = add_finding(&r, "src/a.c", 5, 1, "suppression matches no finding");
    f->scope_kind = NULL;
    f->enter = (struct ct_loc){NULL, 0, 0};
    f->enter_task = NULL;
    f->exit = (struct ct_loc){NULL, 0, 0};
    f->exit_task = NULL;
    f->edge = NULL;
    text = capture_json(&r);
    doc = parse_json(text);
    item = cJSON_GetArrayItem(member(doc, "findings"), 0);
    ck_assert(cJSON_IsNull(member(item, "scope")));
    ck_assert(cJSON_IsNull(member(item, "enter")));
    ck_assert(cJSON_IsNull(member(item, "exit")));
    ck_assert(cJSON_IsNull(member(item, "edge")));
    ck_assert(cJSON_IsArray(member(item, "trace")));
    cJSON_Delete(doc);
    free(text);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_json_stays_valid_utf8_with_invalid_bytes_in_names_and_messages)
{
    struct ct_report r;
    struct ct_finding *f;
    char *text;
    cJSON *doc;
    const cJSON *item;

    ct_report_init(&r);
    f = add_finding(&r, "src/caf\xe9.c", 1, 1, "bad \xc0\x80 and \xed\xa0\x80 and \xe2\x82");
    free(f->resource);
    f->resource = xstrdup("ctx->\xff");
    add_step(f, "src/\xf4\x90\x80\x80.c", 2, 1, "cut \xf0\x9f\x98");
    ck_assert_int_eq(ct_report_add_error(&r, "\xfe\xff.c", 1, 1, "\x80"), 0);
    text = capture_json(&r);
    ck_assert_msg(is_valid_utf8(text), "the JSON text is not valid UTF-8");
    doc = parse_json(text);
    item = cJSON_GetArrayItem(member(doc, "findings"), 0);
    ck_assert_str_eq(member_string(member(item, "location"), "file"), "src/caf\xef\xbf\xbd.c");
    ck_assert_str_eq(member_string(item, "message"),
                     "bad \xef\xbf\xbd\xef\xbf\xbd and \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd and "
                     "\xef\xbf\xbd");
    ck_assert_str_eq(member_string(member(item, "scope"), "resource"), "ctx->\xef\xbf\xbd");
    item = cJSON_GetArrayItem(member(item, "trace"), 0);
    ck_assert_str_eq(member_string(item, "message"), "cut \xef\xbf\xbd");
    item = cJSON_GetArrayItem(member(doc, "errors"), 0);
    ck_assert_str_eq(member_string(item, "file"), "\xef\xbf\xbd\xef\xbf\xbd.c");
    ck_assert_str_eq(member_string(item, "message"), "\xef\xbf\xbd");
    cJSON_Delete(doc);
    free(text);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_json_escapes_control_characters_and_round_trips_them)
{
    static const char nasty[] = "a\x01" "b\nc\td\"e\\f\x1f" "g\x7f" "h\r";
    struct ct_report r;
    char *text;
    cJSON *doc;
    const cJSON *item;

    ct_report_init(&r);
    add_finding(&r, nasty, 1, 1, nasty);
    ck_assert_int_eq(ct_report_add_error(&r, nasty, 1, 1, nasty), 0);
    text = capture_json(&r);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        ck_assert_msg(*p >= 0x20 || *p == '\n', "raw control byte 0x%02x in the JSON", *p);
    doc = parse_json(text);
    item = cJSON_GetArrayItem(member(doc, "findings"), 0);
    ck_assert_str_eq(member_string(item, "message"), nasty);
    ck_assert_str_eq(member_string(member(item, "location"), "file"), nasty);
    item = cJSON_GetArrayItem(member(doc, "errors"), 0);
    ck_assert_str_eq(member_string(item, "message"), nasty);
    cJSON_Delete(doc);
    free(text);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_utf8_sanitize_replaces_each_maximal_ill_formed_subpart)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"", ""},
        {"\xff", "\xef\xbf\xbd"},
        {"a\x80z", "a\xef\xbf\xbdz"},
        {"\xc0\x80", "\xef\xbf\xbd\xef\xbf\xbd"},                     /* overlong: C0 never leads */
        {"\xe0\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},     /* overlong 3-byte */
        {"\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},     /* surrogate D800 */
        {"\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"}, /* > 10FFFF */
        {"\xe2\x82", "\xef\xbf\xbd"},                                 /* truncated at the end */
        {"\xe2\x82x", "\xef\xbf\xbdx"},                               /* truncated mid-string */
        {"\xf0\x9f\x98", "\xef\xbf\xbd"},
        {"\xf5\x80", "\xef\xbf\xbd\xef\xbf\xbd"},
        {"\xc3\xa9\xff\xc3\xa9", "\xc3\xa9\xef\xbf\xbd\xc3\xa9"},
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *got = ct_utf8_sanitize(cases[i].in);
        ck_assert_ptr_nonnull(got);
        ck_assert_msg(strcmp(got, cases[i].out) == 0, "case %zu repaired wrongly", i);
        ck_assert(is_valid_utf8(got));
        free(got);
    }
    ck_assert_ptr_null(ct_utf8_sanitize(NULL));
}
END_TEST

START_TEST(test_utf8_sanitize_keeps_well_formed_text_unchanged)
{
    static const char *const valid[] = {
        "plain ascii ctx->mu",
        "caf\xc3\xa9",             /* U+00E9 */
        "\xe2\x82\xac",            /* U+20AC */
        "\xed\x9f\xbf",            /* U+D7FF, just below the surrogates */
        "\xee\x80\x80",            /* U+E000, just above them */
        "\xf0\x9f\x98\x80",        /* U+1F600 */
        "\xf4\x8f\xbf\xbf",        /* U+10FFFF */
        "\x01\x7f",                /* control characters are valid UTF-8 (JSON escapes them) */
    };

    for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
        char *got = ct_utf8_sanitize(valid[i]);
        ck_assert_ptr_nonnull(got);
        ck_assert_str_eq(got, valid[i]);
        free(got);
    }
}
END_TEST

/* --- the report record ------------------------------------------------------------------- */

START_TEST(test_report_fini_frees_everything_and_leaves_an_empty_report)
{
    struct ct_report r;

    ct_report_init(&r);
    add_design_finding(&r);
    add_design_finding(&r);
    ck_assert_int_eq(ct_report_add_error(&r, "a.c", 1, 2, "x"), 0);
    ct_report_fini(&r);
    ck_assert_uint_eq(r.nfindings, 0);
    ck_assert_ptr_null(r.findings);
    ck_assert_uint_eq(r.nerrors, 0);
    ck_assert_ptr_null(r.errors);
    ct_report_fini(&r); /* fini of an empty report is harmless */
}
END_TEST

START_TEST(test_add_error_copies_file_and_message)
{
    struct ct_report r;
    char file[] = "src/a.c", msg[] = "expected ';'";

    ct_report_init(&r);
    ck_assert_int_eq(ct_report_add_error(&r, file, 3, 4, msg), 0);
    file[0] = 'X';
    msg[0] = 'X';
    ck_assert_str_eq(r.errors[0].file, "src/a.c");
    ck_assert_str_eq(r.errors[0].message, "expected ';'");
    ck_assert_uint_eq(r.errors[0].line, 3);
    ck_assert_uint_eq(r.errors[0].col, 4);
    ck_assert_int_eq(ct_report_add_error(&r, NULL, 0, 0, NULL), 0);
    ck_assert_ptr_null(r.errors[1].file);
    ck_assert_str_eq(r.errors[1].message, "");
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_add_error_keeps_every_error_past_many_growths)
{
    struct ct_report r;
    char msg[32];

    ct_report_init(&r);
    for (unsigned i = 0; i < 1000; i++) {
        snprintf(msg, sizeof(msg), "error %u", i);
        ck_assert_int_eq(ct_report_add_error(&r, "f.c", i + 1, 1, msg), 0);
    }
    ck_assert_uint_eq(r.nerrors, 1000);
    for (unsigned i = 0; i < 1000; i++) {
        snprintf(msg, sizeof(msg), "error %u", i);
        ck_assert_str_eq(r.errors[i].message, msg);
        ck_assert_uint_eq(r.errors[i].line, i + 1);
    }
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_sort_orders_findings_by_file_line_column_then_message)
{
    static const struct {
        const char *file;
        unsigned line, col;
        const char *message;
    } in[] = {
        {"src/b.c", 1, 1, "m"},  {"src/a.c", 10, 1, "m"}, {"src/a.c", 9, 7, "m"},
        {"src/a.c", 9, 3, "z"},  {"src/a.c", 9, 3, "a"},  {"src/a.c", 2, 1, "m"},
    };
    static const int order[] = {5, 4, 3, 2, 1, 0};
    struct ct_report r;

    ct_report_init(&r);
    for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
        add_finding(&r, in[i].file, in[i].line, in[i].col, in[i].message);
    ct_report_sort(&r);
    ck_assert_uint_eq(r.nfindings, 6);
    for (size_t i = 0; i < 6; i++) {
        ck_assert_str_eq(r.findings[i].loc.file, in[order[i]].file);
        ck_assert_uint_eq(r.findings[i].loc.line, in[order[i]].line);
        ck_assert_uint_eq(r.findings[i].loc.col, in[order[i]].col);
        ck_assert_str_eq(r.findings[i].message, in[order[i]].message);
    }
    ct_report_fini(&r);
}
END_TEST

/* Builds two findings with the same rule, location and message but different traces, in the
 * order given, sorts, and returns the trace message of the one kept. */
static char *kept_duplicate(int reversed)
{
    struct ct_report r;
    const char *notes[2] = {"locked here (path a)", "locked here (path b)"};
    char *kept;

    ct_report_init(&r);
    for (int i = 0; i < 2; i++) {
        struct ct_finding *f = add_finding(&r, "src/a.c", 4, 2, "same story");
        add_step(f, "src/a.c", 1, 1, notes[reversed ? 1 - i : i]);
    }
    add_finding(&r, "src/a.c", 4, 2, "another story");
    ct_report_sort(&r);
    ck_assert_uint_eq(r.nfindings, 2);
    ck_assert_str_eq(r.findings[0].message, "another story");
    ck_assert_str_eq(r.findings[1].message, "same story");
    kept = xstrdup(r.findings[1].trace[0].message);
    ct_report_fini(&r);
    return kept;
}

START_TEST(test_sort_drops_duplicate_findings_keeping_the_same_one_whatever_the_order)
{
    char *a = kept_duplicate(0), *b = kept_duplicate(1);

    ck_assert_str_eq(a, b);
    ck_assert_str_eq(a, "locked here (path a)");
    free(a);
    free(b);
}
END_TEST

START_TEST(test_sort_drops_exact_duplicate_findings_and_frees_them)
{
    struct ct_report r;

    ct_report_init(&r);
    for (int i = 0; i < 5; i++)
        add_design_finding(&r);
    add_finding(&r, "src/session.c", 41, 6, r.findings[0].message); /* another column */
    ct_report_sort(&r);
    ck_assert_uint_eq(r.nfindings, 2);
    ck_assert_uint_eq(r.findings[0].loc.col, 5);
    ck_assert_uint_eq(r.findings[0].ntrace, 2);
    ck_assert_uint_eq(r.findings[1].loc.col, 6);
    ct_report_fini(&r); /* no leak of the dropped ones: valgrind/ASan */
}
END_TEST

START_TEST(test_sort_orders_errors_and_drops_duplicates)
{
    struct ct_report r;

    ct_report_init(&r);
    ck_assert_int_eq(ct_report_add_error(&r, "src/b.c", 1, 1, "x"), 0);
    ck_assert_int_eq(ct_report_add_error(&r, "src/a.c", 5, 2, "y"), 0);
    ck_assert_int_eq(ct_report_add_error(&r, "src/a.c", 5, 1, "z"), 0);
    ck_assert_int_eq(ct_report_add_error(&r, NULL, 0, 0, "no input files"), 0);
    ck_assert_int_eq(ct_report_add_error(&r, "src/a.c", 5, 2, "y"), 0);
    ck_assert_int_eq(ct_report_add_error(&r, "src/a.c", 5, 2, "w"), 0);
    ck_assert_int_eq(ct_report_add_error(&r, NULL, 0, 0, "no input files"), 0);
    ct_report_sort(&r);
    ck_assert_uint_eq(r.nerrors, 5);
    ck_assert_ptr_null(r.errors[0].file);
    ck_assert_str_eq(r.errors[1].message, "z");
    ck_assert_str_eq(r.errors[2].message, "w");
    ck_assert_str_eq(r.errors[3].message, "y");
    ck_assert_str_eq(r.errors[4].file, "src/b.c");
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_sort_of_an_empty_report_does_nothing)
{
    struct ct_report r;

    ct_report_init(&r);
    ct_report_sort(&r);
    ck_assert_uint_eq(r.nfindings, 0);
    ck_assert_uint_eq(r.nerrors, 0);
    ct_report_fini(&r);
}
END_TEST

/* --- diagnostics ------------------------------------------------------------------------- */

START_TEST(test_diag_find_returns_the_id_of_a_name_and_minus_one_otherwise)
{
    ck_assert_int_eq(ct_diag_find("cross-task-exit"), CT_DIAG_CROSS_TASK_EXIT);
    ck_assert_str_eq(ct_diag_info(CT_DIAG_CROSS_TASK_EXIT)->name, "cross-task-exit");
    ck_assert_int_eq(ct_diag_find("cross-task-exi"), -1);
    ck_assert_int_eq(ct_diag_find("CROSS-TASK-EXIT"), -1);
    ck_assert_int_eq(ct_diag_find(""), -1);
    ck_assert_int_eq(ct_diag_find(NULL), -1);
    ck_assert_ptr_null(ct_diag_info(CT_DIAG_COUNT));
    ck_assert_ptr_null(ct_diag_info((enum ct_diag)-1));
}
END_TEST

START_TEST(test_every_diag_is_kebab_case_with_severity_and_a_lower_case_summary)
{
    for (int i = 0; i < CT_DIAG_COUNT; i++) {
        const struct ct_diag_info *d = ct_diag_info((enum ct_diag)i);
        size_t len;
        ck_assert_ptr_nonnull(d);
        ck_assert_int_eq(ct_diag_find(d->name), i);
        ck_assert_msg(strspn(d->name, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(d->name)
                          && d->name[0] != '-',
                      "%s is not kebab-case", d->name);
        ck_assert_msg(strcmp(d->severity, "warning") == 0 || strcmp(d->severity, "error") == 0,
                      "%s: severity %s", d->name, d->severity);
        len = strlen(d->summary);
        ck_assert_msg(len > 0 && d->summary[len - 1] != '.', "%s: summary ends in a period",
                      d->name);
        ck_assert_msg(!(d->summary[0] >= 'A' && d->summary[0] <= 'Z'),
                      "%s: summary is not lower-case", d->name);
    }
}
END_TEST

/* --- --explain and --list-rules ---------------------------------------------------------- */

/* Hand-built rules: one pack with one scope kind and one edge; strings need not be interned
 * for the reporters, which only read them. */
static struct ct_scope_call test_enter[2], test_exit[1];
static struct ct_scope test_scopes[1];
static struct ct_edge_rule test_edges[1];
static struct ct_terminator test_terms[1];

static struct ct_rules make_rules(void)
{
    struct ct_rules rules;

    memset(&rules, 0, sizeof(rules));
    test_enter[0] = (struct ct_scope_call){.call = "pthread_mutex_lock", .resource = CT_RES_ARG,
                                           .arg = 0, .mode = CT_MODE_POINTEE,
                                           .arg_equals_index = -1, .arg_not_equals_index = -1};
    test_enter[1] = test_enter[0];
    test_enter[1].call = "pthread_mutex_trylock";
    test_enter[1].when = CT_WHEN_RETURNS_ZERO;
    test_exit[0] = test_enter[0];
    test_exit[0].call = "pthread_mutex_unlock";
    test_scopes[0] = (struct ct_scope){
        .kind = "pthread-mutex", .pack = "posix", .title = "pthread mutex",
        .summary = "a POSIX mutex is owned by the thread that locked it",
        .enter_verb = "locked", .exit_verb = "unlocked", .affinity = CT_AFFINITY_THREAD,
        .nenter = 2, .enter = test_enter, .nexit = 1, .exit = test_exit};
    test_edges[0] = (struct ct_edge_rule){.call = "pthread_create", .pack = "posix",
                                          .summary = "starts a function in a new thread",
                                          .kind = CT_EDGE_SPAWN, .function = 2, .argument = 3,
                                          .runs_on = CT_RUNS_NEW_THREAD};
    test_terms[0] = (struct ct_terminator){.call = "pthread_exit", .pack = "posix",
                                           .kind = CT_TERM_THREAD};
    rules.nscopes = 1;
    rules.scopes = test_scopes;
    rules.nedges = 1;
    rules.edges = test_edges;
    rules.nterminators = 1;
    rules.terminators = test_terms;
    return rules;
}

/* What ct_report_write_explain writes for ID (free it); *RC gets its return value. */
static char *capture_explain(const char *id, const struct ct_rules *rules, int *rc)
{
    char *text;
    size_t len;
    FILE *out = open_memstream(&text, &len);

    ck_assert_ptr_nonnull(out);
    *rc = ct_report_write_explain(id, rules, out);
    fclose(out);
    return text;
}

START_TEST(test_explain_of_a_diagnostic_prints_every_section_in_order)
{
    static const char *const sections[] = {"\n## What it does\n\n", "\n## Why is this bad?\n\n",
                                           "\n## Example\n\n```c\n", "\n## Use instead\n\n```c\n",
                                           "\n## Known limitations\n\n"};
    struct ct_rules rules = make_rules();

    for (int i = 0; i < CT_DIAG_COUNT; i++) {
        const struct ct_diag_info *d = ct_diag_info((enum ct_diag)i);
        const char *at;
        char head[512];
        int rc;
        char *text = capture_explain(d->name, &rules, &rc);

        ck_assert_int_eq(rc, 0);
        snprintf(head, sizeof(head), "# %s\n\nseverity: %s\nsummary: %s\n\n## What it does\n",
                 d->name, d->severity, d->summary);
        ck_assert_msg(strncmp(text, head, strlen(head)) == 0, "%s: wrong heading", d->name);
        at = text;
        for (size_t s = 0; s < sizeof(sections) / sizeof(sections[0]); s++) {
            const char *next = strstr(at, sections[s]);
            ck_assert_msg(next != NULL, "%s: section %zu missing or out of order", d->name, s);
            at = next + 1;
        }
        free(text);
    }
}
END_TEST

START_TEST(test_explain_of_cross_task_exit_tells_why_and_how_to_fix)
{
    int rc;
    char *text = capture_explain("cross-task-exit", NULL, &rc);

    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(strstr(text, "EPERM"));
    ck_assert_ptr_nonnull(strstr(text, "helgrind"));
    ck_assert_ptr_nonnull(strstr(text, "pthread_mutex_unlock(&s->mu);\n"));
    ck_assert_ptr_nonnull(strstr(text, "semaphore"));
    ck_assert_ptr_nonnull(strstr(text, "may-analysis"));
    ck_assert_ptr_nonnull(strstr(text, "C++"));
    ck_assert_ptr_null(strstr(text, "// expect"));
    free(text);
}
END_TEST

START_TEST(test_explain_of_an_unknown_id_returns_einval_and_writes_nothing)
{
    struct ct_rules rules = make_rules();
    int rc;
    char *text = capture_explain("no-such-rule", &rules, &rc);

    ck_assert_int_eq(rc, CT_EINVAL);
    ck_assert_str_eq(text, "");
    free(text);
    text = capture_explain("pthread-mutex", NULL, &rc); /* a scope kind, but no rules loaded */
    ck_assert_int_eq(rc, CT_EINVAL);
    ck_assert_str_eq(text, "");
    free(text);
}
END_TEST

START_TEST(test_explain_of_a_scope_kind_prints_pack_title_affinity_and_calls)
{
    struct ct_rules rules = make_rules();
    int rc;
    char *text = capture_explain("pthread-mutex", &rules, &rc);

    ck_assert_int_eq(rc, 0);
    ck_assert_str_eq(text, "# pthread-mutex\n"
                           "\n"
                           "pack: posix\n"
                           "title: pthread mutex\n"
                           "affinity: thread (the exit must run on the thread that entered)\n"
                           "summary: a POSIX mutex is owned by the thread that locked it\n"
                           "\n"
                           "enter:\n"
                           "  pthread_mutex_lock: the object argument 0 points to\n"
                           "  pthread_mutex_trylock: the object argument 0 points to, when it "
                           "returns 0\n"
                           "\n"
                           "exit:\n"
                           "  pthread_mutex_unlock: the object argument 0 points to\n");
    free(text);
}
END_TEST

START_TEST(test_explain_of_an_edge_call_prints_kind_and_where_it_runs)
{
    struct ct_rules rules = make_rules();
    int rc;
    char *text = capture_explain("pthread_create", &rules, &rc);

    ck_assert_int_eq(rc, 0);
    ck_assert_str_eq(text, "# pthread_create\n"
                           "\n"
                           "pack: posix\n"
                           "kind: spawn\n"
                           "runs on: new-thread\n"
                           "function: argument 2\n"
                           "argument: argument 3, passed as its first parameter\n"
                           "summary: starts a function in a new thread\n");
    free(text);
}
END_TEST

/* Reads the testdata file PATH (relative to the source tree) into a new string; with STRIP,
 * every `// expect...` comment is cut from its line, with the blanks before it. *NEXPECT gets
 * the number of `// expect: ID` comments seen. */
static char *read_testdata(const char *path, int strip, const char *id, int *nexpect)
{
    char full[4096], line[4096], want[128];
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap);
    FILE *f;

    ck_assert_ptr_nonnull(text);
    snprintf(full, sizeof(full), "%s/%s", ct_test_srcdir, path);
    snprintf(want, sizeof(want), "// expect: %s", id);
    f = fopen(full, "r");
    ck_assert_msg(f != NULL, "cannot open %s", full);
    *nexpect = 0;
    while (fgets(line, sizeof(line), f)) {
        char *c = strstr(line, "// expect");
        size_t n;
        if (c && strncmp(c, want, strlen(want)) == 0)
            ++*nexpect;
        if (c && strip) {
            while (c > line && (c[-1] == ' ' || c[-1] == '\t'))
                c--;
            strcpy(c, "\n");
        }
        n = strlen(line);
        ck_assert(len + n < cap);
        memcpy(text + len, line, n);
        len += n;
    }
    text[len] = '\0';
    fclose(f);
    return text;
}

/* "cpp" when the examples of diagnostic BASE are C++ files, else "c". */
static const char *explain_ext(const char *base)
{
    char full[1024];
    snprintf(full, sizeof(full), "%s/testdata/explain/%s_example.cpp", ct_test_srcdir, base);
    FILE *f = fopen(full, "r");
    if (f)
        fclose(f);
    return f ? "cpp" : "c";
}

START_TEST(test_explain_examples_match_their_testdata_files)
{
    for (int i = 0; i < CT_DIAG_COUNT; i++) {
        const struct ct_diag_info *d = ct_diag_info((enum ct_diag)i);
        const struct ct_explain *doc = ct_diag_explain((enum ct_diag)i);
        char base[128], path[256];
        char *text;
        int nexpect;

        snprintf(base, sizeof(base), "%s", d->name);
        for (char *p = base; *p; p++)
            if (*p == '-')
                *p = '_';
        ck_assert_ptr_nonnull(doc);
        ck_assert_msg(doc->what && doc->why && doc->example && doc->use_instead &&
                          doc->limitations,
                      "%s has no complete entry in explain.def", d->name);

        snprintf(path, sizeof(path), "testdata/explain/%s_example.%s", base,
                 explain_ext(base));
        text = read_testdata(path, 1, d->name, &nexpect);
        ck_assert_msg(strcmp(text, doc->example) == 0,
                      "%s: the Example of explain.def differs from %s", d->name, path);
        ck_assert_msg(nexpect >= 1, "%s has no `// expect: %s` line", path, d->name);
        free(text);

        snprintf(path, sizeof(path), "testdata/explain/%s_use_instead.%s", base,
                 explain_ext(base));
        text = read_testdata(path, 0, d->name, &nexpect);
        ck_assert_msg(strcmp(text, doc->use_instead) == 0,
                      "%s: the Use instead of explain.def differs from %s", d->name, path);
        ck_assert_msg(strstr(text, "// expect") == NULL, "%s must expect no finding", path);
        free(text);
    }
}
END_TEST

START_TEST(test_rule_list_shows_diagnostics_scope_kinds_edges_and_terminators)
{
    struct ct_rules rules = make_rules();
    char *text, line[512];
    size_t len;
    FILE *out = open_memstream(&text, &len);
    const struct ct_diag_info *d = ct_diag_info(CT_DIAG_CROSS_TASK_EXIT);

    ck_assert_ptr_nonnull(out);
    ck_assert_int_eq(ct_report_write_rule_list(&rules, out), 0);
    fclose(out);
    ck_assert(strncmp(text, "diagnostics:\n", 13) == 0);
    snprintf(line, sizeof(line), "  %s  %s  %s\n", d->name, d->severity, d->summary);
    if (CT_DIAG_COUNT == 1)
        ck_assert_ptr_nonnull(strstr(text, line));
    ck_assert_ptr_nonnull(strstr(text, "\nscope kinds:\n"
                                       "  pthread-mutex  posix  thread  a POSIX mutex is owned "
                                       "by the thread that locked it\n"
                                       "                 enter: pthread_mutex_lock, "
                                       "pthread_mutex_trylock\n"
                                       "                 exit:  pthread_mutex_unlock\n"));
    ck_assert_ptr_nonnull(strstr(text, "\nedges:\n"
                                       "  pthread_create  spawn  new-thread  posix  starts a "
                                       "function in a new thread\n"));
    ck_assert_ptr_nonnull(strstr(text, "\nterminators (calls that end the thread or the process):\n"
                                       "  pthread_exit  thread  posix\n"));
    for (int i = 0; i < CT_DIAG_COUNT; i++)
        ck_assert_ptr_nonnull(strstr(text, ct_diag_info((enum ct_diag)i)->name));
    free(text);
}
END_TEST

START_TEST(test_rule_list_without_rules_says_none_loaded)
{
    char *text;
    size_t len;
    FILE *out = open_memstream(&text, &len);

    ck_assert_ptr_nonnull(out);
    ck_assert_int_eq(ct_report_write_rule_list(NULL, out), 0);
    fclose(out);
    ck_assert_ptr_nonnull(strstr(text, "\nscope kinds:\n  (none loaded)\n"));
    ck_assert_ptr_nonnull(strstr(text, "\nedges:\n  (none loaded)\n"));
    ck_assert_ptr_null(strstr(text, "terminators"));
    free(text);
}
END_TEST

Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *text = tcase_create("text");
    TCase *json = tcase_create("json");
    TCase *record = tcase_create("record");
    TCase *docs = tcase_create("docs");

    tcase_add_test(text, test_text_prints_warning_line_then_one_note_per_trace_step);
    tcase_add_test(text, test_text_writes_nothing_for_an_empty_report);
    tcase_add_test(text, test_text_writes_errors_to_errs_only_leaving_out_unknown_positions);
    tcase_add_test(text, test_text_keeps_each_record_on_one_line_despite_control_characters);
    tcase_add_test(text, test_writers_return_eio_when_the_stream_fails);
    suite_add_tcase(s, text);

    tcase_add_test(json, test_json_has_every_key_of_the_design_shape);
    tcase_add_test(json, test_json_is_pretty_printed_with_two_spaces_and_a_final_newline);
    tcase_add_test(json, test_json_puts_each_array_element_on_its_own_indented_lines);
    tcase_add_test(json, test_json_writes_null_for_unknown_file_line_and_column);
    tcase_add_test(json, test_json_writes_null_scope_and_sites_for_a_finding_without_a_scope);
    tcase_add_test(json, test_json_stays_valid_utf8_with_invalid_bytes_in_names_and_messages);
    tcase_add_test(json, test_json_escapes_control_characters_and_round_trips_them);
    tcase_add_test(json, test_utf8_sanitize_replaces_each_maximal_ill_formed_subpart);
    tcase_add_test(json, test_utf8_sanitize_keeps_well_formed_text_unchanged);
    suite_add_tcase(s, json);

    tcase_add_test(record, test_report_fini_frees_everything_and_leaves_an_empty_report);
    tcase_add_test(record, test_add_error_copies_file_and_message);
    tcase_add_test(record, test_add_error_keeps_every_error_past_many_growths);
    tcase_add_test(record, test_sort_orders_findings_by_file_line_column_then_message);
    tcase_add_test(record,
                   test_sort_drops_duplicate_findings_keeping_the_same_one_whatever_the_order);
    tcase_add_test(record, test_sort_drops_exact_duplicate_findings_and_frees_them);
    tcase_add_test(record, test_sort_orders_errors_and_drops_duplicates);
    tcase_add_test(record, test_sort_of_an_empty_report_does_nothing);
    tcase_add_test(record, test_diag_find_returns_the_id_of_a_name_and_minus_one_otherwise);
    tcase_add_test(record, test_every_diag_is_kebab_case_with_severity_and_a_lower_case_summary);
    suite_add_tcase(s, record);

    tcase_add_test(docs, test_explain_of_a_diagnostic_prints_every_section_in_order);
    tcase_add_test(docs, test_explain_of_cross_task_exit_tells_why_and_how_to_fix);
    tcase_add_test(docs, test_explain_of_an_unknown_id_returns_einval_and_writes_nothing);
    tcase_add_test(docs, test_explain_of_a_scope_kind_prints_pack_title_affinity_and_calls);
    tcase_add_test(docs, test_explain_of_an_edge_call_prints_kind_and_where_it_runs);
    tcase_add_test(docs, test_explain_examples_match_their_testdata_files);
    tcase_add_test(docs, test_rule_list_shows_diagnostics_scope_kinds_edges_and_terminators);
    tcase_add_test(docs, test_rule_list_without_rules_says_none_loaded);
    suite_add_tcase(s, docs);
    return s;
}
