/* suites.h - every Check suite of the unit tests; one runner (check_main.c) runs them all. */
#ifndef CT_TESTS_SUITES_H
#define CT_TESTS_SUITES_H

#include <check.h>

Suite *ct_suite(void);       /* tests/check_ct.c: errors, interner, arrays */
Suite *rules_suite(void);    /* tests/check_rules.c: rule-pack loading and every invalid form */
Suite *report_suite(void);   /* tests/check_report.c: text and JSON reporters, sorting */
Suite *facts_suite(void);    /* tests/check_facts.c: access paths */
Suite *frontend_suite(void); /* tests/check_frontend.c: libclang -> facts */
Suite *frontend_py_suite(void); /* tests/check_frontend_py.c: tree-sitter Python -> facts */
Suite *analysis_suite(void); /* tests/check_analysis.c: summaries, tasks, findings */
Suite *suppress_suite(void); /* tests/check_suppress.c: NOLINT comments, unused-suppression */
Suite *sarif_suite(void);    /* tests/check_sarif.c: fingerprints, SARIF, baselines */
Suite *cache_suite(void);    /* tests/check_cache.c: the facts cache */

/* The directory holding the source tree's rules/ and testdata/ (set by check_main). */
extern const char *ct_test_srcdir;

#endif
