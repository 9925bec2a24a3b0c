/* check_suppress.c - unit tests of analyzer/suppress.c: reports built by hand with findings at
 * known lines of temporary source files, then ct_suppress_apply: which findings it removes,
 * which unused-suppression findings it adds (where, with what message), globs, comments versus
 * string and character literals, NOLINTBEGIN/NOLINTEND nesting, files reached under several
 * spellings, and unreadable files. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "suites.h"
#include "suppress.h"

/* --- temporary files --------------------------------------------------------------------- */

#define MAX_FILES 8

static char tmp_dir[64];
static char tmp_paths[MAX_FILES][PATH_MAX];
static int ntmp;

static void setup(void)
{
    strcpy(tmp_dir, "/tmp/ct_suppress_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp_dir));
    ntmp = 0;
}

static void teardown(void)
{
    for (int i = 0; i < ntmp; i++)
        unlink(tmp_paths[i]);
    rmdir(tmp_dir);
}

/* Writes TEXT to the file NAME in the test's directory; returns its path (valid until the test
 * ends). */
static const char *write_file(const char *name, const char *text)
{
    char *path;
    FILE *f;

    ck_assert_int_lt(ntmp, MAX_FILES);
    path = tmp_paths[ntmp++];
    snprintf(path, PATH_MAX, "%s/%s", tmp_dir, name);
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fputs(text, f) >= 0, 1);
    ck_assert_int_eq(fclose(f), 0);
    return path;
}

/* --- reports by hand --------------------------------------------------------------------- */

static char *xstrdup(const char *s)
{
    char *copy = strdup(s);
    ck_assert_ptr_nonnull(copy);
    return copy;
}

/* Appends a finding of DIAG at FILE:LINE:5 with owned message, resource and one trace step (so
 * that removing it must free them all). */
static struct ct_finding *add_finding(struct ct_report *r, enum ct_diag diag, const char *file,
                                      unsigned line)
{
    struct ct_finding *f;
    char msg[128];

    r->findings = realloc(r->findings, (r->nfindings + 1) * sizeof(*r->findings));
    ck_assert_ptr_nonnull(r->findings);
    f = &r->findings[r->nfindings++];
    memset(f, 0, sizeof(*f));
    snprintf(msg, sizeof(msg), "finding at line %u", line);
    f->diag = diag;
    f->message = xstrdup(msg);
    f->loc = (struct ct_loc){file, line, 5};
    f->scope_kind = "pthread-mutex";
    f->resource = xstrdup("ctx->mu");
    f->enter = (struct ct_loc){file, 1, 1};
    f->exit = f->loc;
    f->trace = calloc(1, sizeof(*f->trace));
    ck_assert_ptr_nonnull(f->trace);
    f->trace[0].loc = f->enter;
    f->trace[0].message = xstrdup("locked here");
    f->ntrace = 1;
    return f;
}

static struct ct_finding *add_exit(struct ct_report *r, const char *file, unsigned line)
{
    return add_finding(r, CT_DIAG_CROSS_TASK_EXIT, file, line);
}

/* Applies the suppressions of the N files FILES to R and sorts R; asserts success. */
static void apply(struct ct_report *r, const char *const *files, size_t n)
{
    struct ct_error err;

    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_suppress_apply(r, files, n, &err), 0);
    ck_assert_int_eq(err.code, 0);
    ct_report_sort(r);
}

static void apply1(struct ct_report *r, const char *file)
{
    apply(r, &file, 1);
}

/* The finding of DIAG located on LINE (of any file), or NULL. */
static const struct ct_finding *find_at(const struct ct_report *r, enum ct_diag diag,
                                        unsigned line)
{
    for (size_t i = 0; i < r->nfindings; i++) {
        if (r->findings[i].diag == diag && r->findings[i].loc.line == line)
            return &r->findings[i];
    }
    return NULL;
}

static size_t count(const struct ct_report *r, enum ct_diag diag)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nfindings; i++)
        n += r->findings[i].diag == diag;
    return n;
}

/* Asserts an unused-suppression on LINE:COL whose message contains TEXT. */
static void assert_unused(const struct ct_report *r, unsigned line, unsigned col,
                          const char *text)
{
    const struct ct_finding *f = find_at(r, CT_DIAG_UNUSED_SUPPRESSION, line);

    ck_assert_msg(f != NULL, "no unused-suppression on line %u", line);
    ck_assert_uint_eq(f->loc.col, col);
    ck_assert_msg(strstr(f->message, text) != NULL, "line %u: message '%s' lacks '%s'", line,
                  f->message, text);
}

/* --- NOLINT on the line ------------------------------------------------------------------ */

static const char worker_src[] =
    "#include <pthread.h>\n"                                                   /* 1 */
    "static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;\n"                 /* 2 */
    "static void *worker_main(void *arg)\n"                                    /* 3 */
    "{\n"                                                                      /* 4 */
    "    pthread_mutex_unlock(&mu); // NOLINT(cross-task-exit): main waits\n"  /* 5 */
    "    pthread_mutex_unlock(&mu);\n"                                         /* 6 */
    "    return arg;\n"                                                        /* 7 */
    "}\n";                                                                     /* 8 */

START_TEST(test_nolint_removes_the_finding_on_its_line_only)
{
    struct ct_report r;
    const char *path = write_file("worker.c", worker_src);

    ct_report_init(&r);
    add_exit(&r, path, 5);
    add_exit(&r, path, 6);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 1);
    ck_assert_uint_eq(r.findings[0].loc.line, 6);
    ck_assert_int_eq(r.findings[0].diag, CT_DIAG_CROSS_TASK_EXIT);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_nolint_removes_every_finding_on_its_line_whatever_the_column)
{
    struct ct_report r;
    const char *path = write_file("worker.c", worker_src);

    ct_report_init(&r);
    add_exit(&r, path, 5)->loc.col = 1;
    add_exit(&r, path, 5)->loc.col = 40;
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 0);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_unused_nolint_is_reported_at_the_word_nolint)
{
    struct ct_report r;
    const char *path = write_file("worker.c", worker_src);
    const struct ct_finding *f;

    ct_report_init(&r);
    add_exit(&r, path, 6);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 2);
    f = find_at(&r, CT_DIAG_UNUSED_SUPPRESSION, 5);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->message, "NOLINT(cross-task-exit) suppresses nothing; remove it");
    ck_assert_uint_eq(f->loc.col, 35);
    ck_assert_str_eq(f->loc.file, path);
    ck_assert_ptr_eq(f->loc.file, ct_intern(path));
    ck_assert_ptr_null(f->scope_kind);
    ck_assert_ptr_null(f->resource);
    ck_assert_ptr_null(f->edge);
    ck_assert_ptr_null(f->enter_task);
    ck_assert_ptr_null(f->exit_task);
    ck_assert_uint_eq(f->enter.line, 0);
    ck_assert_uint_eq(f->exit.line, 0);
    ck_assert_uint_eq(f->ntrace, 0);
    ck_assert_ptr_null(f->trace);
    ck_assert_ptr_nonnull(find_at(&r, CT_DIAG_CROSS_TASK_EXIT, 6));
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_input_file_without_findings_is_still_checked)
{
    struct ct_report r;
    const char *path = write_file("worker.c", worker_src);

    ct_report_init(&r);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 1);
    assert_unused(&r, 5, 35, "suppresses nothing");
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_nolint_for_another_rule_neither_suppresses_nor_is_reported)
{
    struct ct_report r;
    const char *path = write_file("other.c", "int a;\n"
                                             "f(); // NOLINT(bugprone-branch-clone)\n"
                                             "g(); // NOLINT(cert-err33-c): checked later\n");

    ct_report_init(&r);
    add_exit(&r, path, 2);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 1);
    ck_assert_ptr_nonnull(find_at(&r, CT_DIAG_CROSS_TASK_EXIT, 2));
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_bare_nolint_suppresses_every_rule_and_is_never_reported)
{
    struct ct_report r;
    const char *path = write_file("bare.c", "a(); // NOLINT\n"
                                            "b(); // NOLINT: generated code\n"
                                            "c(); /* NOLINT */\n"
                                            "d(); // NOLINT(*)\n"
                                            "e(); // NOLINT(*)\n");

    ct_report_init(&r);
    add_exit(&r, path, 1);
    add_finding(&r, CT_DIAG_UNUSED_SUPPRESSION, path, 1);
    add_exit(&r, path, 3);
    add_exit(&r, path, 4);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 0); /* lines 2 and 5 are not reported: not ours */
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_reason_after_the_list_is_allowed)
{
    struct ct_report r;
    const char *path = write_file(
        "reason.c", "a(); // NOLINT(cross-task-exit): the worker finishes what main began\n"
                    "b(); // NOLINT(cross-task-exit) see issue #12\n"
                    "c(); // NOLINT(cross-task-exit)-- (nested parens) are fine\n");

    ct_report_init(&r);
    add_exit(&r, path, 1);
    add_exit(&r, path, 2);
    add_exit(&r, path, 3);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 0);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_list_entries_are_trimmed_and_negative_entries_ignored)
{
    struct ct_report r;
    const char *path = write_file("list.c", "a(); // NOLINT( cross-task-exit , cert-err33-c )\n"
                                            "b(); // NOLINT(-cross-task-exit)\n"
                                            "c(); // NOLINT()\n"
                                            "d(); // NOLINT(cross-task-exit,-cross-task-exit)\n");

    ct_report_init(&r);
    for (unsigned line = 1; line <= 4; line++)
        add_exit(&r, path, line);
    apply1(&r, path);
    /* 1 and 4 are suppressed; 2 (only a negative entry) and 3 (an empty list) are not, and are
     * not reported either: they name no crosstask rule positively. */
    ck_assert_uint_eq(r.nfindings, 2);
    ck_assert_ptr_nonnull(find_at(&r, CT_DIAG_CROSS_TASK_EXIT, 2));
    ck_assert_ptr_nonnull(find_at(&r, CT_DIAG_CROSS_TASK_EXIT, 3));
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_unclosed_list_is_read_as_a_bare_nolint)
{
    struct ct_report r;
    const char *path = write_file("open.c", "a(); // NOLINT(cross-task-exit\n"
                                            "b(); /* NOLINT(bugprone-x */ c(); /* ) */\n");

    ct_report_init(&r);
    add_exit(&r, path, 1);
    add_exit(&r, path, 2);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 0);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_other_nolint_words_are_not_suppressions)
{
    struct ct_report r;
    const char *path = write_file("words.c", "a(); // NOLINTFOO(cross-task-exit)\n"
                                             "b(); // MY_NOLINT(cross-task-exit)\n"
                                             "c(); // nolint(cross-task-exit)\n"
                                             "d(); // NOLINTNEXTLINES(cross-task-exit)\n"
                                             "e();\n");

    ct_report_init(&r);
    for (unsigned line = 1; line <= 5; line++)
        add_exit(&r, path, line);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 5);
    ck_assert_uint_eq(count(&r, CT_DIAG_CROSS_TASK_EXIT), 5);
    ct_report_fini(&r);
}
END_TEST

/* --- NOLINTNEXTLINE ---------------------------------------------------------------------- */

START_TEST(test_nolintnextline_covers_the_next_line_only)
{
    struct ct_report r;
    const char *path = write_file("next.c", "a();\n"
                                            "// NOLINTNEXTLINE(cross-task-exit): hand-over\n"
                                            "b();\n"
                                            "c();\n"
                                            "d(); // NOLINTNEXTLINE(cross-task-exit)\n"
                                            "e();\n");

    ct_report_init(&r);
    for (unsigned line = 1; line <= 6; line++)
        if (line != 5)
            add_exit(&r, path, line);
    apply1(&r, path);
    ck_assert_uint_eq(count(&r, CT_DIAG_CROSS_TASK_EXIT), 3);
    ck_assert_ptr_nonnull(find_at(&r, CT_DIAG_CROSS_TASK_EXIT, 1));
    ck_assert_ptr_null(find_at(&r, CT_DIAG_CROSS_TASK_EXIT, 3));
    ck_assert_ptr_nonnull(find_at(&r, CT_DIAG_CROSS_TASK_EXIT, 4));
    ck_assert_ptr_null(find_at(&r, CT_DIAG_CROSS_TASK_EXIT, 6));
    ck_assert_uint_eq(count(&r, CT_DIAG_UNUSED_SUPPRESSION), 0);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_nolintnextline_does_not_cover_its_own_line)
{
    struct ct_report r;
    const char *path = write_file("next.c", "a(); // NOLINTNEXTLINE(cross-task-exit)\n"
                                            "b();\n");

    ct_report_init(&r);
    add_exit(&r, path, 1);
    apply1(&r, path);
    ck_assert_ptr_nonnull(find_at(&r, CT_DIAG_CROSS_TASK_EXIT, 1));
    assert_unused(&r, 1, 9, "NOLINTNEXTLINE(cross-task-exit) suppresses nothing; remove it");
    ct_report_fini(&r);
}
END_TEST

/* --- globs ------------------------------------------------------------------------------- */

START_TEST(test_globs_match_rule_names_as_clang_tidy_does)
{
    struct ct_report r;
    const char *path = write_file("glob.c", "a(); // NOLINT(cross-task-*)\n"
                                            "b(); // NOLINT(*-exit)\n"
                                            "c(); // NOLINT(cross*exit)\n"
                                            "d(); // NOLINT(bugprone-*,cross-task-exit)\n"
                                            "e(); // NOLINT(cross-task-?xit)\n"
                                            "f(); // NOLINT(cross-task)\n"
                                            "g(); // NOLINT(cross-task-exit-*)\n"
                                            "h(); // NOLINT(cross-task-exi)\n");

    ct_report_init(&r);
    for (unsigned line = 1; line <= 8; line++)
        add_exit(&r, path, line);
    apply1(&r, path);
    for (unsigned line = 1; line <= 4; line++)
        ck_assert_msg(!find_at(&r, CT_DIAG_CROSS_TASK_EXIT, line), "line %u kept", line);
    for (unsigned line = 5; line <= 8; line++)
        ck_assert_msg(find_at(&r, CT_DIAG_CROSS_TASK_EXIT, line), "line %u dropped", line);
    /* '?' is no wildcard and the others match no crosstask rule: none of 5-8 is reported. */
    ck_assert_uint_eq(count(&r, CT_DIAG_UNUSED_SUPPRESSION), 0);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_unused_glob_naming_a_crosstask_rule_is_reported)
{
    struct ct_report r;
    const char *path = write_file("glob.c", "a(); // NOLINT(cross-task-*)\n"
                                            "b(); // NOLINT(*-suppression)\n"
                                            "c(); // NOLINT(c*)\n");

    ct_report_init(&r);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 2);
    assert_unused(&r, 1, 9, "NOLINT(cross-task-*) suppresses nothing; remove it");
    /* Line 2 names unused-suppression and so keeps its own report quiet. */
    assert_unused(&r, 3, 9, "NOLINT(c*) suppresses nothing; remove it");
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_mixed_list_says_which_entries_to_remove)
{
    struct ct_report r;
    const char *path = write_file("mixed.c", "a(); // NOLINT(cert-err33-c, cross-task-exit)\n");

    ct_report_init(&r);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 1);
    assert_unused(&r, 1, 9,
                  "NOLINT(cert-err33-c,cross-task-exit) suppresses no crosstask finding; "
                  "remove cross-task-exit from it");
    ct_report_fini(&r);
}
END_TEST

/* --- comments, not literals -------------------------------------------------------------- */

START_TEST(test_nolint_inside_string_and_char_literals_is_not_a_suppression)
{
    struct ct_report r;
    const char *path = write_file(
        "lit.c", "log(\"// NOLINT(cross-task-exit)\");\n"                          /* 1 */
                 "log(\"/* NOLINT */\");\n"                                        /* 2 */
                 "log(\"say \\\" // NOLINT\");\n"                                  /* 3 */
                 "c = '\"'; log(\" NOLINT \");\n"                                  /* 4 */
                 "c = '\\''; d = \"// NOLINT\";\n"                                 /* 5 */
                 "s = L\"// NOLINT\" u8\"/* NOLINT */\";\n"                        /* 6 */
                 "s = R\"x(\n"                                                     /* 7 */
                 "// NOLINT(cross-task-exit) )\" still raw\n"                      /* 8 */
                 ")x\"; a(); // NOLINT(cross-task-exit)\n"                         /* 9 */
                 "n = 1'000'000; b(); // NOLINT(cross-task-exit)\n"                /* 10 */
                 "s = \"a\\\n"                                                     /* 11 */
                 "// NOLINT\"; c();\n");                                           /* 12 */

    ct_report_init(&r);
    for (unsigned line = 1; line <= 12; line++)
        add_exit(&r, path, line);
    apply1(&r, path);
    for (unsigned line = 1; line <= 12; line++) {
        bool kept = find_at(&r, CT_DIAG_CROSS_TASK_EXIT, line) != NULL;
        ck_assert_msg(kept == (line != 9 && line != 10), "line %u: kept %d", line, kept);
    }
    ck_assert_uint_eq(count(&r, CT_DIAG_UNUSED_SUPPRESSION), 0);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_unterminated_literal_ends_at_the_end_of_its_line)
{
    struct ct_report r;
    const char *path = write_file("apostrophe.c", "#error can't build here\n"
                                                  "a(); // NOLINT(cross-task-exit)\n");

    ct_report_init(&r);
    add_exit(&r, path, 2);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 0);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_block_comments_count_on_the_line_of_the_word_nolint)
{
    struct ct_report r;
    const char *path = write_file("block.c", "a(); /* NOLINT(cross-task-exit): hand-over */\n"
                                             "/* The next call is deliberate.\n"
                                             " * NOLINTNEXTLINE(cross-task-exit) */\n"
                                             "b();\n"
                                             "c(); /* spans\n"
                                             "   lines */ d(); /* NOLINT(cross-task-exit) */\n"
                                             "e(); /* NOLINT(cross-task-exit) */ f();\n");

    ct_report_init(&r);
    add_exit(&r, path, 1);
    add_exit(&r, path, 4);
    add_exit(&r, path, 5);
    add_exit(&r, path, 6);
    add_exit(&r, path, 7);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 1);
    ck_assert_ptr_nonnull(find_at(&r, CT_DIAG_CROSS_TASK_EXIT, 5));
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_line_splice_continues_a_line_comment)
{
    struct ct_report r;
    const char *path = write_file("splice.c", "a(); // a long remark \\\n"
                                              "   NOLINT(cross-task-exit)\n"
                                              "b(); // remark \\\r\n"
                                              "   NOLINT(cross-task-exit)\r\n"
                                              "c();\r\n");

    ct_report_init(&r);
    add_exit(&r, path, 2);
    add_exit(&r, path, 4);
    add_exit(&r, path, 5);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 1);
    ck_assert_ptr_nonnull(find_at(&r, CT_DIAG_CROSS_TASK_EXIT, 5));
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_nolint_in_code_outside_comments_is_ignored)
{
    struct ct_report r;
    const char *path = write_file("code.c", "#define NOLINT(x) x\n"
                                            "int v = NOLINT(cross_task_exit);\n");

    ct_report_init(&r);
    add_exit(&r, path, 2);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 1);
    ck_assert_int_eq(r.findings[0].diag, CT_DIAG_CROSS_TASK_EXIT);
    ct_report_fini(&r);
}
END_TEST

/* --- NOLINTBEGIN / NOLINTEND ------------------------------------------------------------- */

START_TEST(test_begin_end_covers_the_lines_between_inclusive)
{
    struct ct_report r;
    const char *path = write_file("region.c", "a();\n"                                  /* 1 */
                                              "b(); // NOLINTBEGIN(cross-task-exit)\n"  /* 2 */
                                              "c();\n"                                  /* 3 */
                                              "d(); // NOLINTEND(cross-task-exit)\n"    /* 4 */
                                              "e();\n");                                /* 5 */

    ct_report_init(&r);
    for (unsigned line = 1; line <= 5; line++)
        add_exit(&r, path, line);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 2);
    ck_assert_ptr_nonnull(find_at(&r, CT_DIAG_CROSS_TASK_EXIT, 1));
    ck_assert_ptr_nonnull(find_at(&r, CT_DIAG_CROSS_TASK_EXIT, 5));
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_unused_region_is_reported_once_at_its_begin)
{
    struct ct_report r;
    const char *path = write_file("region.c", "// NOLINTBEGIN(cross-task-exit)\n"
                                              "a();\n"
                                              "// NOLINTEND(cross-task-exit)\n");

    ct_report_init(&r);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 1);
    assert_unused(&r, 1, 4,
                  "NOLINTBEGIN(cross-task-exit) suppresses nothing up to its NOLINTEND at line "
                  "3; remove both");
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_nested_regions_close_innermost_first)
{
    struct ct_report r;
    const char *path = write_file("nested.c",
                                  "// NOLINTBEGIN(cross-task-exit)\n"              /* 1 */
                                  "a();\n"                                         /* 2 */
                                  "// NOLINTBEGIN(cert-err33-c)\n"                 /* 3 */
                                  "b();\n"                                         /* 4 */
                                  "// NOLINTEND(cert-err33-c)\n"                   /* 5 */
                                  "c();\n"                                         /* 6 */
                                  "// NOLINTEND(cross-task-exit)\n"                /* 7 */
                                  "d();\n"                                         /* 8 */
                                  "// NOLINTBEGIN(cross-task-exit)\n"              /* 9 */
                                  "// NOLINTBEGIN(cross-task-exit)\n"              /* 10 */
                                  "e();\n"                                         /* 11 */
                                  "// NOLINTEND(cross-task-exit)\n"                /* 12 */
                                  "f();\n"                                         /* 13 */
                                  "// NOLINTEND(cross-task-exit)\n");              /* 14 */

    ct_report_init(&r);
    add_exit(&r, path, 2);
    add_exit(&r, path, 4);
    add_exit(&r, path, 6);
    add_exit(&r, path, 8);
    add_exit(&r, path, 11);
    add_exit(&r, path, 13);
    apply1(&r, path);
    /* Only line 8 lies outside every region; the inner region of 10-12 and the outer one of
     * 9-14 both cover line 11, and both count as used. */
    ck_assert_uint_eq(r.nfindings, 1);
    ck_assert_ptr_nonnull(find_at(&r, CT_DIAG_CROSS_TASK_EXIT, 8));
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_unmatched_begin_suppresses_nothing_and_is_reported)
{
    struct ct_report r;
    const char *path = write_file("unmatched.c", "// NOLINTBEGIN(cross-task-exit)\n"
                                                 "a();\n"
                                                 "// NOLINTBEGIN\n"
                                                 "b();\n");

    ct_report_init(&r);
    add_exit(&r, path, 2);
    add_exit(&r, path, 4);
    apply1(&r, path);
    ck_assert_uint_eq(count(&r, CT_DIAG_CROSS_TASK_EXIT), 2);
    ck_assert_uint_eq(count(&r, CT_DIAG_UNUSED_SUPPRESSION), 1); /* the bare one is not ours */
    assert_unused(&r, 1, 4,
                  "NOLINTBEGIN(cross-task-exit) is unmatched: no NOLINTEND(cross-task-exit) "
                  "closes it, so it suppresses nothing");
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_unmatched_end_is_reported)
{
    struct ct_report r;
    const char *path = write_file("unmatched.c", "a();\n"
                                                 "// NOLINTEND(cross-task-exit)\n");

    ct_report_init(&r);
    add_exit(&r, path, 1);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 2);
    ck_assert_ptr_nonnull(find_at(&r, CT_DIAG_CROSS_TASK_EXIT, 1));
    assert_unused(&r, 2, 4,
                  "NOLINTEND(cross-task-exit) is unmatched: no NOLINTBEGIN(cross-task-exit) "
                  "before it is open");
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_end_must_close_the_innermost_begin_with_the_same_list)
{
    struct ct_report r;
    const char *path = write_file("crossed.c",
                                  "// NOLINTBEGIN(cross-task-exit)\n"              /* 1 */
                                  "// NOLINTBEGIN(cross-task-*)\n"                 /* 2 */
                                  "a();\n"                                         /* 3 */
                                  "// NOLINTEND(cross-task-exit)\n"                /* 4 */
                                  "b();\n"                                         /* 5 */
                                  "// NOLINTEND(cross-task-*)\n");                 /* 6 */

    ct_report_init(&r);
    add_exit(&r, path, 3);
    add_exit(&r, path, 5);
    apply1(&r, path);
    /* The END of line 4 does not close the BEGIN of line 2 (lists differ): it is unmatched, and
     * so is the BEGIN of line 1; the block 2-6 still suppresses both findings. */
    ck_assert_uint_eq(count(&r, CT_DIAG_CROSS_TASK_EXIT), 0);
    ck_assert_uint_eq(count(&r, CT_DIAG_UNUSED_SUPPRESSION), 2);
    assert_unused(&r, 1, 4, "NOLINTBEGIN(cross-task-exit) is unmatched");
    assert_unused(&r, 4, 4,
                  "NOLINTEND(cross-task-exit) is unmatched: it does not close the innermost "
                  "open NOLINTBEGIN(cross-task-*) at line 2");
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_begin_and_end_lists_compare_after_trimming)
{
    struct ct_report r;
    const char *path = write_file("trim.c", "/* NOLINTBEGIN( cross-task-exit ) */\n"
                                            "a();\n"
                                            "/* NOLINTEND(cross-task-exit) */\n");

    ct_report_init(&r);
    add_exit(&r, path, 2);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 0);
    ct_report_fini(&r);
}
END_TEST

/* --- unused-suppression suppressed ------------------------------------------------------- */

START_TEST(test_nolint_unused_suppression_keeps_the_report_of_its_line_quiet)
{
    struct ct_report r;
    const char *path = write_file(
        "quiet.c", "a(); // NOLINT(cross-task-exit) NOLINT(unused-suppression): port\n" /* 1 */
                   "b(); // NOLINT(cross-task-exit, unused-suppression)\n"              /* 2 */
                   "// NOLINTNEXTLINE(unused-suppression)\n"                            /* 3 */
                   "c(); // NOLINT(cross-task-exit)\n"                                  /* 4 */
                   "// NOLINTNEXTLINE(unused-suppression)\n"                            /* 5 */
                   "d();\n"                                                             /* 6 */
                   "// NOLINTBEGIN(unused-suppression)\n"                               /* 7 */
                   "e(); // NOLINTNEXTLINE(cross-task-exit)\n"                          /* 8 */
                   "// NOLINTEND(unused-suppression)\n");                               /* 9 */

    ct_report_init(&r);
    apply1(&r, path);
    /* Only the NOLINTNEXTLINE(unused-suppression) of line 5 is reported: line 6 has nothing for
     * it to keep quiet. */
    ck_assert_uint_eq(r.nfindings, 1);
    assert_unused(&r, 5, 4, "NOLINTNEXTLINE(unused-suppression) suppresses nothing");
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_a_used_suppression_is_not_reported_because_of_its_other_entries)
{
    struct ct_report r;
    const char *path =
        write_file("used.c", "a(); // NOLINT(cross-task-exit, unused-suppression)\n");

    ct_report_init(&r);
    add_exit(&r, path, 1);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 0);
    ct_report_fini(&r);
}
END_TEST

/* --- files ------------------------------------------------------------------------------- */

START_TEST(test_files_of_findings_are_read_even_when_not_inputs)
{
    struct ct_report r;
    const char *header = write_file("session.h", "static inline void release(void)\n"
                                                 "{\n"
                                                 "    unlock(); // NOLINT(cross-task-exit)\n"
                                                 "}\n");
    const char *main_c = write_file("main.c", "#include \"session.h\"\n");

    ct_report_init(&r);
    add_exit(&r, header, 3);
    apply1(&r, main_c);
    ck_assert_uint_eq(r.nfindings, 0);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_a_file_under_two_spellings_is_read_once)
{
    struct ct_report r;
    const char *path = write_file("worker.c", worker_src);
    char other[PATH_MAX + 16];
    const char *inputs[2];

    snprintf(other, sizeof(other), "%s/../%s/./worker.c", tmp_dir, strrchr(tmp_dir, '/') + 1);
    inputs[0] = other;
    inputs[1] = path;
    ct_report_init(&r);
    add_exit(&r, other, 6);
    apply(&r, inputs, 2);
    /* One unused report, not two, and under the spelling the finding uses. */
    ck_assert_uint_eq(count(&r, CT_DIAG_UNUSED_SUPPRESSION), 1);
    ck_assert_str_eq(find_at(&r, CT_DIAG_UNUSED_SUPPRESSION, 5)->loc.file, other);
    ck_assert_uint_eq(count(&r, CT_DIAG_CROSS_TASK_EXIT), 1);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_unreadable_files_are_skipped)
{
    struct ct_report r;
    struct ct_error err;
    const char *inputs[3];

    inputs[0] = "/nonexistent/ct_suppress/missing.c";
    inputs[1] = tmp_dir; /* a directory */
    inputs[2] = write_file("ok.c", "a(); // NOLINT(cross-task-exit)\n");
    memset(&err, 0, sizeof(err));
    ct_report_init(&r);
    add_exit(&r, inputs[0], 3);
    add_exit(&r, inputs[2], 1);
    ck_assert_int_eq(ct_suppress_apply(&r, inputs, 3, &err), 0);
    ck_assert_int_eq(err.code, 0);
    ck_assert_uint_eq(r.nfindings, 1);
    ck_assert_str_eq(r.findings[0].loc.file, inputs[0]);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_findings_without_a_location_are_kept)
{
    struct ct_report r;
    const char *path = write_file("bare.c", "// NOLINT\n");

    ct_report_init(&r);
    add_exit(&r, path, 1)->loc.file = NULL;
    add_exit(&r, path, 0);
    apply1(&r, path);
    ck_assert_uint_eq(r.nfindings, 2);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_empty_report_and_no_files_do_nothing)
{
    struct ct_report r;

    ct_report_init(&r);
    apply(&r, NULL, 0);
    ck_assert_uint_eq(r.nfindings, 0);
    ck_assert_ptr_null(r.findings);
    ct_report_fini(&r);
}
END_TEST

START_TEST(test_findings_in_other_files_and_order_are_untouched)
{
    struct ct_report r;
    const char *a = write_file("a.c", "x(); // NOLINT(cross-task-exit)\n");
    const char *b = write_file("b.c", "x();\n");
    const char *inputs[2];

    inputs[0] = a;
    inputs[1] = b;
    ct_report_init(&r);
    add_exit(&r, b, 1);
    add_exit(&r, a, 1);
    add_exit(&r, b, 1)->loc.col = 9;
    apply(&r, inputs, 2);
    ck_assert_uint_eq(r.nfindings, 2);
    ck_assert_str_eq(r.findings[0].loc.file, b);
    ck_assert_str_eq(r.findings[1].loc.file, b);
    ct_report_fini(&r);
}
END_TEST

Suite *suppress_suite(void)
{
    Suite *s = suite_create("suppress");
    TCase *line = tcase_create("nolint");
    TCase *lex = tcase_create("lexer");
    TCase *region = tcase_create("region");
    TCase *files = tcase_create("files");

    tcase_add_checked_fixture(line, setup, teardown);
    tcase_add_test(line, test_nolint_removes_the_finding_on_its_line_only);
    tcase_add_test(line, test_nolint_removes_every_finding_on_its_line_whatever_the_column);
    tcase_add_test(line, test_unused_nolint_is_reported_at_the_word_nolint);
    tcase_add_test(line, test_input_file_without_findings_is_still_checked);
    tcase_add_test(line, test_nolint_for_another_rule_neither_suppresses_nor_is_reported);
    tcase_add_test(line, test_bare_nolint_suppresses_every_rule_and_is_never_reported);
    tcase_add_test(line, test_reason_after_the_list_is_allowed);
    tcase_add_test(line, test_list_entries_are_trimmed_and_negative_entries_ignored);
    tcase_add_test(line, test_unclosed_list_is_read_as_a_bare_nolint);
    tcase_add_test(line, test_other_nolint_words_are_not_suppressions);
    tcase_add_test(line, test_nolintnextline_covers_the_next_line_only);
    tcase_add_test(line, test_nolintnextline_does_not_cover_its_own_line);
    tcase_add_test(line, test_globs_match_rule_names_as_clang_tidy_does);
    tcase_add_test(line, test_unused_glob_naming_a_crosstask_rule_is_reported);
    tcase_add_test(line, test_mixed_list_says_which_entries_to_remove);
    tcase_add_test(line, test_nolint_unused_suppression_keeps_the_report_of_its_line_quiet);
    tcase_add_test(line, test_a_used_suppression_is_not_reported_because_of_its_other_entries);
    suite_add_tcase(s, line);

    tcase_add_checked_fixture(lex, setup, teardown);
    tcase_add_test(lex, test_nolint_inside_string_and_char_literals_is_not_a_suppression);
    tcase_add_test(lex, test_unterminated_literal_ends_at_the_end_of_its_line);
    tcase_add_test(lex, test_block_comments_count_on_the_line_of_the_word_nolint);
    tcase_add_test(lex, test_line_splice_continues_a_line_comment);
    tcase_add_test(lex, test_nolint_in_code_outside_comments_is_ignored);
    suite_add_tcase(s, lex);

    tcase_add_checked_fixture(region, setup, teardown);
    tcase_add_test(region, test_begin_end_covers_the_lines_between_inclusive);
    tcase_add_test(region, test_unused_region_is_reported_once_at_its_begin);
    tcase_add_test(region, test_nested_regions_close_innermost_first);
    tcase_add_test(region, test_unmatched_begin_suppresses_nothing_and_is_reported);
    tcase_add_test(region, test_unmatched_end_is_reported);
    tcase_add_test(region, test_end_must_close_the_innermost_begin_with_the_same_list);
    tcase_add_test(region, test_begin_and_end_lists_compare_after_trimming);
    suite_add_tcase(s, region);

    tcase_add_checked_fixture(files, setup, teardown);
    tcase_add_test(files, test_files_of_findings_are_read_even_when_not_inputs);
    tcase_add_test(files, test_a_file_under_two_spellings_is_read_once);
    tcase_add_test(files, test_unreadable_files_are_skipped);
    tcase_add_test(files, test_findings_without_a_location_are_kept);
    tcase_add_test(files, test_empty_report_and_no_files_do_nothing);
    tcase_add_test(files, test_findings_in_other_files_and_order_are_untouched);
    suite_add_tcase(s, files);
    return s;
}
