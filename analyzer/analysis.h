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

/* Called as the analysis goes: DONE of TOTAL functions analysed (bottom-up over the call graph),
 * at most a few hundred times per run. */
typedef void (*ct_analysis_progress_fn)(void *ctx, size_t done, size_t total);

struct ct_analysis_opts {
    ct_analysis_progress_fn progress; /* NULL: none */
    void *progress_ctx;
};

/* What the analysis did, for --stats. */
struct ct_analysis_stats {
    size_t functions;   /* functions analysed */
    size_t over_budget; /* functions whose analysis went over the per-function budget: their
                         * summaries and findings were dropped (a quieter answer) */
    size_t capped;      /* functions whose summary reached a cap (the rest was not kept) */
    size_t specialised; /* summaries specialised to the callbacks a call passes */
};

/* ct_analyze with OPTS (NULL: none) and, unless NULL, STATS filled in. */
int ct_analyze_ex(const struct ct_tu_facts *const *tus, size_t ntus, const struct ct_rules *rules,
                  const struct ct_analysis_opts *opts, struct ct_report *report,
                  struct ct_analysis_stats *stats);

/* Writes the task graph (--dump=tasks) through WRITE to OUT. Returns 0 or CT_ENOMEM. */
int ct_dump_tasks(const struct ct_tu_facts *const *tus, size_t ntus, const struct ct_rules *rules,
                  ct_write_fn write, void *out);

#endif
