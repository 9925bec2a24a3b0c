/* analysis.h - cross-task exits over the whole program.
 *
 * Input: the facts of every translation unit (from any frontend), the rules, and the task graph.
 * Output: struct ct_finding records appended to a struct ct_report (findings.h). No I/O here.
 */
#ifndef CT_ANALYSIS_H
#define CT_ANALYSIS_H

#include <stddef.h>
#include "ct.h"
#include "facts.h"
#include "rules.h"
#include "findings.h"

/* Analyses the whole program: NTUS translation units' facts under RULES, appending findings to
 * REPORT. Returns 0 or CT_ENOMEM. The facts and rules are only read. */
int ct_analyze(const struct ct_tu_facts *const *tus, size_t ntus, const struct ct_rules *rules,
               struct ct_report *report);

/* Writes the task graph (--dump=tasks) through WRITE to OUT. Returns 0 or CT_ENOMEM. */
int ct_dump_tasks(const struct ct_tu_facts *const *tus, size_t ntus, const struct ct_rules *rules,
                  ct_write_fn write, void *out);

#endif
