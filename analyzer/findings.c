/* findings.c - the report record every run fills: its lifecycle (findings and errors it owns),
 * errors added by the driver, the canonical order of findings and errors (so output is
 * identical whatever -j is), and the diagnostics table from diagnostics.def.
 *
 * Must never do I/O: no printing, no files, no exit(). Formatting lives in report_*.c.
 */
#include "findings.h"

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

/* --- encoding a report (the whole-program result cache) ------------------------------------ */

struct enc {
    unsigned char *p;
    size_t n, cap;
    bool oom;
};

static void enc_put(struct enc *e, const void *d, size_t len)
{
    if (e->oom)
        return;
    if (ct_grow((void **)&e->p, &e->cap, e->n + len, 1) != 0) {
        e->oom = true;
        return;
    }
    memcpy(e->p + e->n, d, len);
    e->n += len;
}

static void enc_u32(struct enc *e, uint32_t v)
{
    enc_put(e, &v, sizeof(v));
}

static void enc_str(struct enc *e, const char *s)
{
    if (!s) {
        enc_u32(e, 0xffffffffu);
        return;
    }
    uint32_t n = (uint32_t)strlen(s);
    enc_u32(e, n);
    enc_put(e, s, n);
}

static void enc_loc(struct enc *e, const struct ct_loc *l)
{
    enc_str(e, l->file);
    enc_u32(e, l->line);
    enc_u32(e, l->col);
}

int ct_report_encode(const struct ct_report *r, unsigned char **data, size_t *len)
{
    struct enc e = {0};
    enc_u32(&e, (uint32_t)r->nfindings);
    for (size_t i = 0; i < r->nfindings; i++) {
        const struct ct_finding *f = &r->findings[i];
        enc_u32(&e, (uint32_t)f->diag);
        enc_str(&e, f->message);
        enc_loc(&e, &f->loc);
        enc_str(&e, f->scope_kind);
        enc_str(&e, f->resource);
        enc_u32(&e, (uint32_t)f->affinity);
        enc_loc(&e, &f->enter);
        enc_str(&e, f->enter_task);
        enc_loc(&e, &f->exit);
        enc_str(&e, f->exit_task);
        enc_str(&e, f->edge);
        enc_str(&e, f->function);
        enc_u32(&e, (uint32_t)f->ntrace);
        for (size_t k = 0; k < f->ntrace; k++) {
            enc_loc(&e, &f->trace[k].loc);
            enc_str(&e, f->trace[k].message);
        }
    }
    enc_u32(&e, (uint32_t)r->nerrors);
    for (size_t i = 0; i < r->nerrors; i++) {
        const struct ct_report_error *er = &r->errors[i];
        enc_str(&e, er->file);
        enc_u32(&e, er->line);
        enc_u32(&e, er->col);
        enc_str(&e, er->message);
    }
    if (e.oom) {
        free(e.p);
        return CT_ENOMEM;
    }
    *data = e.p;
    *len = e.n;
    return 0;
}

struct dec {
    const unsigned char *p;
    size_t n, at;
    bool bad;
};

static uint32_t dec_u32(struct dec *d)
{
    uint32_t v = 0;
    if (d->bad || d->n - d->at < sizeof(v)) {
        d->bad = true;
        return 0;
    }
    memcpy(&v, d->p + d->at, sizeof(v));
    d->at += sizeof(v);
    return v;
}

/* A string: interned when INTERN, else a new copy (NULL for an absent one). */
static const char *dec_str(struct dec *d, bool intern, char **copy)
{
    uint32_t n = dec_u32(d);
    if (copy)
        *copy = NULL;
    if (d->bad || n == 0xffffffffu)
        return NULL;
    if (n > d->n - d->at || memchr(d->p + d->at, 0, n)) {
        d->bad = true;
        return NULL;
    }
    const char *s = (const char *)d->p + d->at;
    d->at += n;
    if (intern) {
        const char *r = ct_intern_n(s, n);
        if (!r)
            d->bad = true;
        return r;
    }
    *copy = strndup(s, n);
    if (!*copy)
        d->bad = true;
    return *copy;
}

static void dec_loc(struct dec *d, struct ct_loc *l)
{
    l->file = dec_str(d, true, NULL);
    l->line = dec_u32(d);
    l->col = dec_u32(d);
}

int ct_report_decode(const unsigned char *data, size_t len, struct ct_report *r)
{
    struct dec d = {data, len, 0, false};
    uint32_t nf = dec_u32(&d);
    size_t cap = r->nfindings;
    if (!d.bad && nf > len / 16)
        return CT_EINVAL;
    for (uint32_t i = 0; i < nf && !d.bad; i++) {
        if (ct_grow((void **)&r->findings, &cap, r->nfindings + 1, sizeof(*r->findings)) != 0)
            return CT_ENOMEM;
        struct ct_finding *f = &r->findings[r->nfindings];
        memset(f, 0, sizeof(*f));
        uint32_t diag = dec_u32(&d);
        if (diag >= CT_DIAG_COUNT)
            d.bad = true;
        f->diag = (enum ct_diag)diag;
        dec_str(&d, false, &f->message);
        dec_loc(&d, &f->loc);
        f->scope_kind = dec_str(&d, true, NULL);
        dec_str(&d, false, &f->resource);
        f->affinity = (enum ct_affinity)dec_u32(&d);
        dec_loc(&d, &f->enter);
        f->enter_task = dec_str(&d, true, NULL);
        dec_loc(&d, &f->exit);
        f->exit_task = dec_str(&d, true, NULL);
        f->edge = dec_str(&d, true, NULL);
        f->function = dec_str(&d, true, NULL);
        uint32_t nt = dec_u32(&d);
        if (!d.bad && nt > (d.n - d.at) / 8)
            d.bad = true;
        r->nfindings++; /* owned by R from here: ct_report_fini frees what was read */
        if (d.bad || nt == 0)
            continue;
        f->trace = calloc(nt, sizeof(*f->trace));
        if (!f->trace)
            return CT_ENOMEM;
        for (uint32_t k = 0; k < nt && !d.bad; k++) {
            dec_loc(&d, &f->trace[k].loc);
            dec_str(&d, false, &f->trace[k].message);
            f->ntrace = k + 1;
        }
    }
    uint32_t ne = dec_u32(&d);
    for (uint32_t i = 0; i < ne && !d.bad; i++) {
        char *file = NULL, *msg = NULL;
        dec_str(&d, false, &file);
        unsigned line = dec_u32(&d), col = dec_u32(&d);
        dec_str(&d, false, &msg);
        if (!d.bad && ct_report_add_error(r, file, line, col, msg ? msg : "") != 0) {
            free(file);
            free(msg);
            return CT_ENOMEM;
        }
        free(file);
        free(msg);
    }
    if (d.at != d.n)
        d.bad = true;
    return d.bad ? CT_EINVAL : 0;
}
