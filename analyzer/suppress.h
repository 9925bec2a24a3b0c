/* suppress.h - clang-tidy-style suppression comments (NOLINT, NOLINTNEXTLINE,
 * NOLINTBEGIN/NOLINTEND): drop the findings they cover, report the ones that cover nothing.
 */
#ifndef CT_SUPPRESS_H
#define CT_SUPPRESS_H

#include <stddef.h>
#include "ct.h"
#include "findings.h"

/* Applies the suppression comments of the sources to REPORT. Reads every file that a finding's
 * location is in, plus the NFILES input FILES (a file reached under several spellings is read
 * once, by its real path), and finds in their comments (not in string or character literals):
 *   NOLINT                    every rule, on the comment's line
 *   NOLINT(rule,glob,...)     the listed rules ('*' globs, as clang-tidy) on that line
 *   NOLINTNEXTLINE(...)       the same, on the next line
 *   NOLINTBEGIN(...) ... NOLINTEND(...)  every line from the BEGIN to its END, inclusive; an
 *                             END closes the innermost open BEGIN with the same list
 * Text after the list (`: reason`) is allowed. The line is that of the word NOLINT itself.
 *
 * A finding whose location (its exit) is covered is removed from REPORT and freed. Then every
 * suppression that names a crosstask rule (a list entry other than a lone '*' that matches a
 * diagnostic of diagnostics.def) and covered no finding, and every such NOLINTBEGIN or NOLINTEND
 * without a partner, is appended as an unused-suppression finding at the position of its NOLINT
 * word, unless a suppression for unused-suppression covers that line. Bare NOLINT comments and
 * lists naming only other tools' checks are left to those tools. New findings have no scope,
 * sites or trace; their file is interned. Findings are not sorted: call ct_report_sort() after.
 *
 * A file that cannot be read is skipped. Returns 0, or CT_ENOMEM (filling ERR if not NULL) with
 * REPORT unchanged. Prints nothing. FILES and REPORT's strings are only borrowed. */
int ct_suppress_apply(struct ct_report *report, const char *const *files, size_t nfiles,
                      struct ct_error *err);

#endif
