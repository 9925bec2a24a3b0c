/* analysis.h - cross-task exits over the whole program, and the findings it emits.
 *
 * Input: the facts of every translation unit, the rules, and the task graph. Output: a sorted
 * list of struct ct_finding in a struct ct_report. No I/O here.
 */
#ifndef CT_ANALYSIS_H
#define CT_ANALYSIS_H

#include <stddef.h>
#include "ct.h"
#include "facts.h"
#include "rules.h"

/* The diagnostics crosstask emits, from diagnostics.def. */
enum ct_diag {
#define CT_DIAG(id, name, severity, summary) CT_DIAG_##id,
#include "diagnostics.def"
#undef CT_DIAG
    CT_DIAG_COUNT
};

struct ct_diag_info {
    const char *name;     /* kebab-case id: "cross-task-exit" */
    const char *severity; /* "warning" or "error" */
    const char *summary;  /* one sentence */
};

/* The table entry of DIAG. */
const struct ct_diag_info *ct_diag_info(enum ct_diag diag);

/* The diagnostic named NAME, or -1. */
int ct_diag_find(const char *name);

/* One step of a finding's story: a location and what happens there. */
struct ct_trace_step {
    struct ct_loc loc;
    char *message; /* owned by the finding */
};

struct ct_finding {
    enum ct_diag diag;
    char *message;            /* the whole story in one line; owned */
    struct ct_loc loc;        /* where it is reported: the exit */
    const char *scope_kind;   /* "pthread-mutex", interned */
    char *resource;           /* "ctx->mu"; owned */
    enum ct_affinity affinity;
    struct ct_loc enter;      /* where the scope was entered */
    const char *enter_task;   /* task name, interned */
    struct ct_loc exit;       /* where it was exited */
    const char *exit_task;    /* interned */
    const char *edge;         /* "spawn", "callback", "destructor", "suspension"; interned */
    const char *function;     /* the function holding the exit (for fingerprints), interned */
    size_t ntrace;
    struct ct_trace_step *trace; /* owned */
};

/* An input that could not be (fully) analysed. */
struct ct_report_error {
    char *file;     /* owned; NULL when not about one file */
    unsigned line;  /* 0 when not known */
    unsigned col;
    char *message;  /* owned */
};

/* Everything one run produces. Caller-owned storage: ct_report_init / ct_report_fini. */
struct ct_report {
    size_t nfindings;
    struct ct_finding *findings;
    size_t nerrors;
    struct ct_report_error *errors;
    size_t nfiles;     /* translation units given */
    double seconds;    /* wall time of the run */
};

void ct_report_init(struct ct_report *report);
void ct_report_fini(struct ct_report *report);

/* Adds an error (copies FILE and MESSAGE). Returns 0 or CT_ENOMEM. */
int ct_report_add_error(struct ct_report *report, const char *file, unsigned line, unsigned col,
                        const char *message);

/* Sorts findings by (file, line, column, rule, message) and errors by (file, line, column,
 * message), and drops exact duplicates. */
void ct_report_sort(struct ct_report *report);

/* Analyses the whole program: NTUS translation units' facts under RULES, appending findings to
 * REPORT. Returns 0 or CT_ENOMEM. The facts and rules are only read. */
int ct_analyze(const struct ct_tu_facts *const *tus, size_t ntus, const struct ct_rules *rules,
               struct ct_report *report);

/* Writes the task graph (--dump=tasks) through WRITE to OUT. Returns 0 or CT_ENOMEM. */
int ct_dump_tasks(const struct ct_tu_facts *const *tus, size_t ntus, const struct ct_rules *rules,
                  ct_write_fn write, void *out);

#endif
