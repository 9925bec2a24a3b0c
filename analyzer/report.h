/* report.h - the reporters: the only code that formats findings (text, JSON, SARIF), the rule
 * list and the long documentation of diagnostics. They write to a FILE the caller opened; they
 * never decide exit status. */
#ifndef CT_REPORT_H
#define CT_REPORT_H

#include <stdio.h>
#include "findings.h"

/* Writes REPORT in the compiler-style text format: for each finding
 *     FILE:LINE:COL: SEVERITY: MESSAGE [RULE]
 * then one `FILE:LINE:COL: note: STEP` per trace step, to OUT; each error as
 * `FILE:LINE:COL: error: MESSAGE` (`:LINE:COL` left out when 0, `crosstask: error: MESSAGE` when
 * it names no file) to ERRS. Nothing else goes to OUT. Control characters in file names and
 * messages are written as '?' so that every record stays on one line. Returns 0 or CT_EIO. */
int ct_report_write_text(const struct ct_report *report, FILE *out, FILE *errs);

/* Writes REPORT as one JSON document (DESIGN.md "Output"), pretty-printed with 2-space
 * indentation and ending in a newline, to OUT. Every key is always present: a missing string,
 * a line or column of 0 and a finding's absent scope/enter/exit are written as null. Strings
 * that are not valid UTF-8 are repaired (ct_utf8_sanitize). Returns 0, CT_ENOMEM or CT_EIO. */
int ct_report_write_json(const struct ct_report *report, FILE *out);

/* Writes REPORT as one SARIF 2.1.0 log (DESIGN.md "Output"), pretty-printed, ending in a newline,
 * to OUT: one run whose tool.driver lists every diagnostic (id, CamelCase name, summary, the
 * --explain text as fullDescription and help) and whose extensions are the packs of RULES (may
 * be NULL); one result per finding with its exit as the location, the enter site as
 * relatedLocations[0] (id 1), the trace as a code flow and partialFingerprints
 * {"crosstaskFingerprint/v1": ct_report_fingerprints()}; report errors as error notifications of
 * invocations[0], whose executionSuccessful is false when there are any. Relative paths (and
 * absolute ones under the current directory) are URIs relative to %SRCROOT%, which
 * originalUriBaseIds sets to the current directory; other absolute paths are file:// URIs.
 * Where the source line can be read, columns are converted to UTF-16 code units and a result's
 * location carries the line as its region's snippet and the lines around it (a contextRegion),
 * for viewers without the sources (the region's snippet runs from the column to the end of the
 * line). Source lines are read through SRC (NULL: a cache is made for the call). Strings are
 * repaired to UTF-8. Returns 0, CT_ENOMEM or CT_EIO. */
int ct_report_write_sarif(const struct ct_report *report, const struct ct_rules *rules,
                          struct ct_source_cache *src, FILE *out);

/* --list-rules: writes the diagnostics (id, severity, summary), then every scope kind of RULES
 * (kind, pack, affinity, summary, enter and exit calls), every edge call (call, kind, runs on,
 * pack, summary) and every terminator, as aligned text, to OUT. Returns 0 or CT_EIO. */
int ct_report_write_rule_list(const struct ct_rules *rules, FILE *out);

/* --explain ID: for a diagnostic id writes its severity, summary and the sections What it does,
 * Why is this bad?, Example, Use instead and Known limitations (from explain.def); for a scope
 * kind of RULES its pack, title, affinity, summary, enter and exit calls; for an edge call its
 * pack, kind, where it runs, arguments and summary. Returns 0, CT_EINVAL when ID is none of
 * these (nothing written) or CT_EIO. */
int ct_report_write_explain(const char *id, const struct ct_rules *rules, FILE *out);

/* The long documentation of one diagnostic (explain.def). Strings are static; a field is NULL
 * when explain.def has no entry for the diagnostic (a unit test forbids that). */
struct ct_explain {
    const char *what;        /* What it does */
    const char *why;         /* Why is this bad? */
    const char *example;     /* C source that triggers it; testdata/explain/<id>_example.c */
    const char *use_instead; /* the fixed version; testdata/explain/<id>_use_instead.c */
    const char *limitations; /* Known limitations */
};

/* The documentation of DIAG, or NULL for a value outside the table. Static storage. For SARIF
 * (fullDescription, help) and the README as well as --explain. */
const struct ct_explain *ct_diag_explain(enum ct_diag diag);

/* Returns a new copy of S in which every ill-formed UTF-8 sequence is replaced by U+FFFD (one
 * per maximal ill-formed subpart, as Unicode recommends); free with free(). NULL when S is NULL
 * or out of memory. Every writer of JSON (report, SARIF, cache) passes strings through this. */
char *ct_utf8_sanitize(const char *s);

/* Cross-file internal of the JSON writers (report_json.c, report_sarif.c): writes ITEM
 * pretty-printed with 2-space indentation (no final newline) to OUT. Empty objects and arrays
 * print as {} and []. Returns 0, CT_ENOMEM or CT_EIO. */
struct cJSON;
int ct__json_write(const struct cJSON *item, FILE *out);

#endif
