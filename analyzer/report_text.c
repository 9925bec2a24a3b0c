/* report_text.c - the human-facing formats: findings and errors as compilers print them (so
 * editors and CI problem matchers read them), the --list-rules table and the --explain pages,
 * with the long documentation of each diagnostic from explain.def.
 *
 * Writes only to the FILEs it is given; must never decide exit status, exit, or print anything
 * on OUT besides the records themselves (OUT stays machine-readable).
 */
#include "report.h"

#include <string.h>

/* --- the documentation table ------------------------------------------------------------ */

static const struct ct_explain explain_table[CT_DIAG_COUNT] = {
#define CT_EXPLAIN(id, what, why, example, use_instead, limitations) \
    [CT_DIAG_##id] = {what, why, example, use_instead, limitations},
#include "explain.def"
#undef CT_EXPLAIN
};

const struct ct_explain *ct_diag_explain(enum ct_diag diag)
{
    if ((int)diag < 0 || (int)diag >= CT_DIAG_COUNT)
        return NULL;
    return &explain_table[diag];
}

/* --- helpers ----------------------------------------------------------------------------- */

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* Writes S with every control character replaced by '?', so a record stays on one line. */
static void put_clean(const char *s, FILE *out)
{
    for (const unsigned char *p = (const unsigned char *)or_empty(s); *p; p++)
        putc(*p < 0x20 || *p == 0x7f ? '?' : *p, out);
}

/* FILE:LINE:COL, leaving out :COL when COL is 0 and :LINE:COL when LINE is 0; "crosstask" when
 * FILE is NULL. */
static void put_loc(const char *file, unsigned line, unsigned col, FILE *out)
{
    if (!file) {
        fputs("crosstask", out);
        return;
    }
    put_clean(file, out);
    if (line) {
        fprintf(out, ":%u", line);
        if (col)
            fprintf(out, ":%u", col);
    }
}

/* 0, or CT_EIO when anything written to OUT so far failed. */
static int flush_status(FILE *out)
{
    int rc = fflush(out);
    return rc != 0 || ferror(out) ? CT_EIO : 0;
}

/* --- findings and errors ----------------------------------------------------------------- */

static void write_finding(const struct ct_finding *f, FILE *out)
{
    const struct ct_diag_info *info = ct_diag_info(f->diag);

    put_loc(f->loc.file, f->loc.line, f->loc.col, out);
    fprintf(out, ": %s: ", info ? info->severity : "warning");
    put_clean(f->message, out);
    fputs(" [", out);
    put_clean(info ? info->name : "unknown", out);
    fputs("]\n", out);
    for (size_t i = 0; i < f->ntrace; i++) {
        const struct ct_trace_step *step = &f->trace[i];
        put_loc(step->loc.file, step->loc.line, step->loc.col, out);
        fputs(": note: ", out);
        put_clean(step->message, out);
        putc('\n', out);
    }
}

int ct_report_write_text(const struct ct_report *report, FILE *out, FILE *errs)
{
    int rc_out, rc_errs;

    for (size_t i = 0; i < report->nfindings; i++)
        write_finding(&report->findings[i], out);
    for (size_t i = 0; i < report->nerrors; i++) {
        const struct ct_report_error *e = &report->errors[i];
        put_loc(e->file, e->line, e->col, errs);
        fputs(": error: ", errs);
        put_clean(e->message, errs);
        putc('\n', errs);
    }
    rc_out = flush_status(out);
    rc_errs = flush_status(errs);
    return rc_out ? rc_out : rc_errs;
}

/* --- --list-rules ------------------------------------------------------------------------ */

static int width_of(const char *s, int w)
{
    int len = (int)strlen(or_empty(s));
    return len > w ? len : w;
}

/* Writes the calls of LIST (N of them) as "  LABEL call, call" under column INDENT. */
static void put_call_list(const char *label, const struct ct_scope_call *calls, size_t n,
                          int indent, FILE *out)
{
    size_t shown = 0, unscoped = 0;
    fprintf(out, "%*s%s", indent, "", label);
    for (size_t i = 0; i < n; i++) {
        bool dup = false;
        unscoped += calls[i].unscoped;
        for (size_t j = 0; j < i && !dup; j++)
            dup = calls[j].call == calls[i].call ||
                  strcmp(or_empty(calls[j].call), or_empty(calls[i].call)) == 0;
        if (!dup)
            fprintf(out, "%s%s", shown++ ? ", " : " ", or_empty(calls[i].call));
    }
    if (n == 0)
        fputs(" (none)", out);
    else if (unscoped == n) /* an exit stack of notifies: its findings are of what they exit */
        fputs(" (notifies only: no finding of this kind, what a notify exits is reported)", out);
    putc('\n', out);
}

static void list_diagnostics(FILE *out)
{
    int wname = 0, wsev = 0;

    for (int i = 0; i < CT_DIAG_COUNT; i++) {
        const struct ct_diag_info *d = ct_diag_info((enum ct_diag)i);
        wname = width_of(d->name, wname);
        wsev = width_of(d->severity, wsev);
    }
    fputs("diagnostics:\n", out);
    for (int i = 0; i < CT_DIAG_COUNT; i++) {
        const struct ct_diag_info *d = ct_diag_info((enum ct_diag)i);
        fprintf(out, "  %-*s  %-*s  %s\n", wname, d->name, wsev, d->severity, d->summary);
    }
}

static void list_scopes(const struct ct_rules *rules, FILE *out)
{
    int wkind = 0, wpack = 0, waff = 0;

    for (size_t i = 0; i < rules->nscopes; i++) {
        const struct ct_scope *s = &rules->scopes[i];
        wkind = width_of(s->kind, wkind);
        wpack = width_of(s->pack, wpack);
        waff = width_of(ct_affinity_name(s->affinity), waff);
    }
    fputs("\nscope kinds:\n", out);
    if (rules->nscopes == 0)
        fputs("  (none loaded)\n", out);
    for (size_t i = 0; i < rules->nscopes; i++) {
        const struct ct_scope *s = &rules->scopes[i];
        fprintf(out, "  %-*s  %-*s  %-*s  %s\n", wkind, or_empty(s->kind), wpack,
                or_empty(s->pack), waff, ct_affinity_name(s->affinity), or_empty(s->summary));
        put_call_list("enter:", s->enter, s->nenter, wkind + 4, out);
        put_call_list("exit: ", s->exit, s->nexit, wkind + 4, out);
    }
}

static void list_edges(const struct ct_rules *rules, FILE *out)
{
    int wcall = 0, wkind = 0, wruns = 0, wpack = 0;

    for (size_t i = 0; i < rules->nedges; i++) {
        const struct ct_edge_rule *e = &rules->edges[i];
        wcall = width_of(e->call, wcall);
        wkind = width_of(ct_edge_kind_name(e->kind), wkind);
        wruns = width_of(ct_runs_on_name(e->runs_on), wruns);
        wpack = width_of(e->pack, wpack);
    }
    fputs("\nedges:\n", out);
    if (rules->nedges == 0)
        fputs("  (none loaded)\n", out);
    for (size_t i = 0; i < rules->nedges; i++) {
        const struct ct_edge_rule *e = &rules->edges[i];
        fprintf(out, "  %-*s  %-*s  %-*s  %-*s  %s\n", wcall, or_empty(e->call), wkind,
                ct_edge_kind_name(e->kind), wruns, ct_runs_on_name(e->runs_on), wpack,
                or_empty(e->pack), or_empty(e->summary));
    }
}

static const char *terminator_kind_name(enum ct_terminator_kind k)
{
    return k == CT_TERM_THREAD ? "thread" : "process"; /* as packs spell it */
}

static void list_terminators(const struct ct_rules *rules, FILE *out)
{
    int wcall = 0, wkind = 0;

    if (rules->nterminators == 0)
        return;
    for (size_t i = 0; i < rules->nterminators; i++) {
        const struct ct_terminator *t = &rules->terminators[i];
        wcall = width_of(t->call, wcall);
        wkind = width_of(terminator_kind_name(t->kind), wkind);
    }
    fputs("\nterminators (calls that end the thread or the process):\n", out);
    for (size_t i = 0; i < rules->nterminators; i++) {
        const struct ct_terminator *t = &rules->terminators[i];
        fprintf(out, "  %-*s  %-*s  %s\n", wcall, or_empty(t->call), wkind,
                terminator_kind_name(t->kind), or_empty(t->pack));
    }
}

int ct_report_write_rule_list(const struct ct_rules *rules, FILE *out)
{
    static const struct ct_rules none;

    if (!rules)
        rules = &none;
    list_diagnostics(out);
    list_scopes(rules, out);
    list_edges(rules, out);
    list_terminators(rules, out);
    return flush_status(out);
}

/* --- --explain --------------------------------------------------------------------------- */

/* Writes TEXT as one section: "## TITLE", a blank line, TEXT (in a ```c fence when CODE), and a
 * blank line before the next section. */
static void put_section(const char *title, const char *text, int code, FILE *out)
{
    size_t len;

    if (!text)
        return;
    len = strlen(text);
    fprintf(out, "\n## %s\n\n", title);
    if (code)
        fputs("```c\n", out);
    fputs(text, out);
    if (len == 0 || text[len - 1] != '\n')
        putc('\n', out);
    if (code)
        fputs("```\n", out);
}

static void explain_diag(enum ct_diag diag, FILE *out)
{
    const struct ct_diag_info *info = ct_diag_info(diag);
    const struct ct_explain *doc = ct_diag_explain(diag);

    fprintf(out, "# %s\n\nseverity: %s\nsummary: %s\n", info->name, info->severity,
            info->summary);
    put_section("What it does", doc->what, 0, out);
    put_section("Why is this bad?", doc->why, 0, out);
    put_section("Example", doc->example, 1, out);
    put_section("Use instead", doc->use_instead, 1, out);
    put_section("Known limitations", doc->limitations, 0, out);
}

/* Writes one enter or exit call: its name, what names the resource, and when it counts. */
static void put_scope_call(const struct ct_scope_call *c, bool is_enter, FILE *out)
{
    fprintf(out, "  %s: ", or_empty(c->call));
    switch (c->resource) {
    case CT_RES_ARG:
        if (c->mode == CT_MODE_LVALUE)
            fprintf(out, "the variable argument %d reads", c->arg);
        else
            fprintf(out, "the object argument %d points to", c->arg);
        break;
    case CT_RES_RETURN:
        fputs("the variable its result is stored in", out);
        break;
    case CT_RES_THREAD:
        fputs("the calling thread", out);
        break;
    }
    if (is_enter && c->when == CT_WHEN_RETURNS_ZERO)
        fputs(", when it returns 0", out);
    else if (is_enter && c->when == CT_WHEN_RETURNS_NONZERO)
        fputs(", when it returns non-zero", out);
    if (c->result == CT_USE_USED)
        fputs(", when its result is used", out);
    else if (c->result == CT_USE_UNUSED)
        fputs(", when its result is discarded", out);
    if (c->arg_equals_index >= 0 && c->arg_equals)
        fprintf(out, ", when argument %d is %s", c->arg_equals_index, c->arg_equals);
    if (c->arg_not_equals_index >= 0 && c->arg_not_equals)
        fprintf(out, ", when argument %d is not %s", c->arg_not_equals_index, c->arg_not_equals);
    putc('\n', out);
}

static void explain_scope(const struct ct_scope *s, FILE *out)
{
    fprintf(out, "# %s\n\npack: %s\ntitle: %s\naffinity: %s (%s)\nsummary: %s\n",
            or_empty(s->kind), or_empty(s->pack), or_empty(s->title),
            ct_affinity_name(s->affinity),
            s->affinity == CT_AFFINITY_THREAD
                ? "the exit must run on the thread that entered"
                : "the exit must run in the task that entered, even on the same thread",
            or_empty(s->summary));
    fputs("\nenter:\n", out);
    for (size_t i = 0; i < s->nenter; i++)
        put_scope_call(&s->enter[i], true, out);
    fputs("\nexit:\n", out);
    for (size_t i = 0; i < s->nexit; i++)
        put_scope_call(&s->exit[i], false, out);
}

static void explain_edge(const struct ct_edge_rule *e, FILE *out)
{
    fprintf(out, "# %s\n\npack: %s\nkind: %s\nruns on: %s\n", or_empty(e->call),
            or_empty(e->pack), ct_edge_kind_name(e->kind), ct_runs_on_name(e->runs_on));
    if (e->function >= 0)
        fprintf(out, "function: argument %d\n", e->function);
    else if (e->stored_field)
        fprintf(out, "function: each one the program stores in %s.%s\n",
                or_empty(e->stored_record), e->stored_field);
    else
        fprintf(out, "function: the handlers installed for the signal in argument %d\n",
                e->signal);
    if (e->function >= 0 && e->signal >= 0 && e->runs_on == CT_RUNS_SIGNAL)
        fprintf(out, "signal: argument %d\n", e->signal);
    if (e->argument >= 0)
        fprintf(out, "argument: argument %d, passed as its first parameter\n", e->argument);
    else
        fputs("argument: none\n", out);
    fprintf(out, "summary: %s\n", or_empty(e->summary));
}

static bool same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

int ct_report_write_explain(const char *id, const struct ct_rules *rules, FILE *out)
{
    int diag = ct_diag_find(id);
    bool found = false;

    if (diag >= 0) {
        explain_diag((enum ct_diag)diag, out);
        return flush_status(out);
    }
    for (size_t i = 0; rules && i < rules->nscopes; i++) {
        if (same(rules->scopes[i].kind, id)) {
            if (found)
                putc('\n', out);
            explain_scope(&rules->scopes[i], out);
            found = true;
        }
    }
    for (size_t i = 0; rules && i < rules->nedges; i++) {
        if (same(rules->edges[i].call, id)) {
            if (found)
                putc('\n', out);
            explain_edge(&rules->edges[i], out);
            found = true;
        }
    }
    if (!found)
        return CT_EINVAL;
    return flush_status(out);
}
