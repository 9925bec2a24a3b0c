/* check_main.c - runs every unit-test suite (tests/check_*.c) and exits non-zero on failure. */
#include <stdlib.h>
#include "suites.h"
#include "ct.h"
#include "facts.h"

const char *ct_test_srcdir = ".";

int main(void)
{
    Suite *(*suites[])(void) = {ct_suite, rules_suite, report_suite, facts_suite,
                                frontend_suite, frontend_py_suite, analysis_suite, sarif_suite, suppress_suite,
                                cache_suite};
    SRunner *runner = srunner_create(NULL);
    int failed;

    if (getenv("CT_TEST_SRCDIR"))
        ct_test_srcdir = getenv("CT_TEST_SRCDIR");
    for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
        srunner_add_suite(runner, suites[i]());
    srunner_run_all(runner, CK_NORMAL);
    failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    ct_intern_shutdown();
    ct_ops_shutdown();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
