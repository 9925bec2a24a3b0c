/* findings.c - the report record every run fills: its lifecycle (findings and errors it owns),
 * errors added by the driver, the canonical order of findings and errors (so output is
 * identical whatever -j is), and the diagnostics table from diagnostics.def.
 *
 * Must never do I/O: no printing, no files, no exit(). Formatting lives in report_*.c.
 */
#include "analysis.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const struct ct_diag_info diag_table[CT_DIAG_COUNT] = {
#define CT_DIAG(id, name, severity, summary) [CT_DIAG_##id] = {name, severity, summary},
#include "diagnostics.def"
#undef CT_DIAG
};

const struct ct_diag_info *ct_diag_info(enum ct_diag diag)
{
    if ((int)diag < 0 || (int)diag >= CT_DIAG_COUNT)
        return NULL;
    return &diag_table[diag];
}

int ct_diag_find(const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < CT_DIAG_COUNT; i++) {
        if (strcmp(diag_table[i].name, name) == 0)
            return i;
    }
    return -1;
}

void ct_report_init(struct ct_report *report)
{
    memset(report, 0, sizeof(*report));
}

static void finding_fini(struct ct_finding *f)
{
    free(f->message);
    free(f->resource);
    for (size_t i = 0; i < f->ntrace; i++)
        free(f->trace[i].message);
    free(f->trace);
    memset(f, 0, sizeof(*f));
}

static void error_fini(struct ct_report_error *e)
{
    free(e->file);
    free(e->message);
    memset(e, 0, sizeof(*e));
}

void ct_report_fini(struct ct_report *report)
{
    for (size_t i = 0; i < report->nfindings; i++)
        finding_fini(&report->findings[i]);
    free(report->findings);
    for (size_t i = 0; i < report->nerrors; i++)
        error_fini(&report->errors[i]);
    free(report->errors);
    ct_report_init(report);
}

/* The struct keeps no capacity for errors, so the array is always exactly reallocated to the next
 * power of two (from 8) of its count: realloc to the size a block already has is cheap, and this
 * stays correct however the array was allocated before. */
static int errors_reserve(struct ct_report *report, size_t need)
{
    size_t cap = 8;
    void *p;

    while (cap < need) {
        if (cap > SIZE_MAX / 2 / sizeof(*report->errors))
            return CT_ENOMEM;
        cap *= 2;
    }
    p = realloc(report->errors, cap * sizeof(*report->errors));
    if (!p)
        return CT_ENOMEM;
    report->errors = p;
    return 0;
}

static char *dup_or_null(const char *s)
{
    size_t len;
    char *copy;

    if (!s)
        return NULL;
    len = strlen(s);
    copy = malloc(len + 1);
    if (copy)
        memcpy(copy, s, len + 1);
    return copy;
}

int ct_report_add_error(struct ct_report *report, const char *file, unsigned line, unsigned col,
                        const char *message)
{
    char *file_copy = NULL, *msg_copy = NULL;
    struct ct_report_error *e;

    if (file && !(file_copy = dup_or_null(file)))
        goto fail;
    if (!(msg_copy = dup_or_null(message ? message : "")))
        goto fail;
    if (errors_reserve(report, report->nerrors + 1) != 0)
        goto fail;
    e = &report->errors[report->nerrors++];
    e->file = file_copy;
    e->line = line;
    e->col = col;
    e->message = msg_copy;
    return 0;
fail:
    free(msg_copy);
    free(file_copy);
    return CT_ENOMEM;
}

/* --- ordering ---------------------------------------------------------------------------- */

/* NULL sorts before every string. */
static int cmp_str(const char *a, const char *b)
{
    if (a == b)
        return 0;
    if (!a)
        return -1;
    if (!b)
        return 1;
    return strcmp(a, b);
}

static int cmp_uint(unsigned a, unsigned b)
{
    return (a > b) - (a < b);
}

static int cmp_loc(const struct ct_loc *a, const struct ct_loc *b)
{
    int c = cmp_str(a->file, b->file);
    if (c == 0)
        c = cmp_uint(a->line, b->line);
    if (c == 0)
        c = cmp_uint(a->col, b->col);
    return c;
}

static const char *diag_name(enum ct_diag diag)
{
    const struct ct_diag_info *info = ct_diag_info(diag);
    return info ? info->name : NULL;
}

/* The key that makes two findings duplicates: (file, line, column, rule, message). */
static int cmp_finding_key(const struct ct_finding *a, const struct ct_finding *b)
{
    int c = cmp_loc(&a->loc, &b->loc);
    if (c == 0)
        c = cmp_str(diag_name(a->diag), diag_name(b->diag));
    if (c == 0)
        c = cmp_str(a->message, b->message);
    return c;
}

/* Every other field, so that the order (and which of several duplicates is kept) does not
 * depend on the order findings were produced in. */
static int cmp_finding_rest(const struct ct_finding *a, const struct ct_finding *b)
{
    int c = cmp_loc(&a->enter, &b->enter);
    if (c == 0)
        c = cmp_loc(&a->exit, &b->exit);
    if (c == 0)
        c = cmp_str(a->scope_kind, b->scope_kind);
    if (c == 0)
        c = cmp_str(a->resource, b->resource);
    if (c == 0)
        c = cmp_uint(a->affinity, b->affinity);
    if (c == 0)
        c = cmp_str(a->enter_task, b->enter_task);
    if (c == 0)
        c = cmp_str(a->exit_task, b->exit_task);
    if (c == 0)
        c = cmp_str(a->edge, b->edge);
    if (c == 0)
        c = cmp_str(a->function, b->function);
    for (size_t i = 0; c == 0 && i < a->ntrace && i < b->ntrace; i++) {
        c = cmp_loc(&a->trace[i].loc, &b->trace[i].loc);
        if (c == 0)
            c = cmp_str(a->trace[i].message, b->trace[i].message);
    }
    if (c == 0)
        c = (a->ntrace > b->ntrace) - (a->ntrace < b->ntrace);
    return c;
}

static int cmp_finding(const void *pa, const void *pb)
{
    const struct ct_finding *a = pa, *b = pb;
    int c = cmp_finding_key(a, b);
    return c ? c : cmp_finding_rest(a, b);
}

static int cmp_error(const void *pa, const void *pb)
{
    const struct ct_report_error *a = pa, *b = pb;
    int c = cmp_str(a->file, b->file);
    if (c == 0)
        c = cmp_uint(a->line, b->line);
    if (c == 0)
        c = cmp_uint(a->col, b->col);
    if (c == 0)
        c = cmp_str(a->message, b->message);
    return c;
}

void ct_report_sort(struct ct_report *report)
{
    size_t kept;

    if (report->nfindings > 1) {
        qsort(report->findings, report->nfindings, sizeof(*report->findings), cmp_finding);
        kept = 1;
        for (size_t i = 1; i < report->nfindings; i++) {
            struct ct_finding *f = &report->findings[i];
            if (cmp_finding_key(&report->findings[kept - 1], f) == 0)
                finding_fini(f);
            else
                report->findings[kept++] = *f;
        }
        report->nfindings = kept;
    }
    if (report->nerrors > 1) {
        qsort(report->errors, report->nerrors, sizeof(*report->errors), cmp_error);
        kept = 1;
        for (size_t i = 1; i < report->nerrors; i++) {
            struct ct_report_error *e = &report->errors[i];
            if (cmp_error(&report->errors[kept - 1], e) == 0)
                error_fini(e);
            else
                report->errors[kept++] = *e;
        }
        report->nerrors = kept;
    }
}
