/* findings.h - the report record every run fills, whatever the frontend and the analysis: the
 * diagnostics table, findings with their traces, errors, their canonical order, the encoding the
 * cache keeps, and fingerprints. Reporters, suppressions and baselines read only this; none of
 * them needs the analysis itself. No I/O here.
 */
#ifndef CT_FINDINGS_H
#define CT_FINDINGS_H

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
    size_t nfunctions; /* functions defined in the program (0: not analysed in this run) */
    size_t nunreached; /* of those, functions that no task reaches: never analysed */
};

void ct_report_init(struct ct_report *report);
void ct_report_fini(struct ct_report *report);

/* Adds an error (copies FILE and MESSAGE). Returns 0 or CT_ENOMEM. */
int ct_report_add_error(struct ct_report *report, const char *file, unsigned line, unsigned col,
                        const char *message);

/* Sorts findings by (file, line, column, rule, message) and errors by (file, line, column,
 * message), and drops exact duplicates. */
void ct_report_sort(struct ct_report *report);

/* Serialises REPORT's findings and errors into a new buffer (*DATA, *LEN; free with free()).
 * Returns 0 or CT_ENOMEM. */
int ct_report_encode(const struct ct_report *report, unsigned char **data, size_t *len);

/* Appends the findings and errors encoded in LEN bytes at DATA to REPORT. Returns 0, CT_EINVAL
 * for bytes that are not a whole encoding (what was read stays in REPORT: discard it), or
 * CT_ENOMEM. */
int ct_report_decode(const unsigned char *data, size_t len, struct ct_report *report);

/* --- fingerprints (fingerprint.c) -------------------------------------------------------- */

/* Source lines read from files, each file read once. Not thread-safe: one cache per thread. */
struct ct_source_cache;

/* Returns a new, empty cache; free with ct_source_cache_free(). NULL when out of memory. */
struct ct_source_cache *ct_source_cache_new(void);

/* Frees CACHE and every line it handed out. Accepts NULL. */
void ct_source_cache_free(struct ct_source_cache *cache);

/* The text of 1-based line LINE of FILE, without its line terminator, or NULL when the file
 * cannot be read, has no such line, or memory ran out. FILE is read (whole) the first time it is
 * asked for. Borrowed from CACHE; valid until ct_source_cache_free(CACHE). */
const char *ct_source_line(struct ct_source_cache *cache, const char *file, unsigned line);

/* Writes F's fingerprint to OUT: 32 lower-case hex digits (128 bits: two FNV-1a 64 hashes from
 * different seeds) of the rule, the enclosing function (F->function), the scope kind and the
 * source text of the enter line and of the exit line (F->exit, else F->loc) read through SRC,
 * each with comments stripped, white space collapsed and trimmed. Line numbers never enter it:
 * code that moves keeps its fingerprint; editing the enter or exit line changes it. A line that
 * cannot be read counts as F->resource. SRC may be NULL (a cache is made for the call). Returns
 * 0 or CT_ENOMEM (then OUT is ""). */
int ct_finding_fingerprint(const struct ct_finding *f, struct ct_source_cache *src, char out[33]);

/* Writes the fingerprint of every finding of REPORT to OUT[0..nfindings): that of
 * ct_finding_fingerprint, and where several findings share one, the second, third, ... of them
 * in report order get ":2", ":3", ... appended (the first keeps it bare), as GitHub does with
 * partialFingerprints. Used by SARIF (partialFingerprints) and baselines alike. SRC may be NULL
 * (a cache is made for the call). Returns 0 or CT_ENOMEM. */
int ct_report_fingerprints(const struct ct_report *report, struct ct_source_cache *src,
                           char (*out)[40]);

#endif
