/* report_json.c - the JSON report (DESIGN.md "Output"): builds one cJSON document from a
 * struct ct_report and writes it pretty-printed with 2-space indentation. Also the helpers every
 * JSON writer shares: UTF-8 repair (JSON must stay valid whatever bytes file names and messages
 * hold) and the pretty-printer.
 *
 * Writes only to the FILE it is given; must never decide exit status or exit. The cJSON tree
 * lives only inside ct_report_write_json.
 */
#include <cjson/cJSON.h>

#include "report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* --- UTF-8 repair ------------------------------------------------------------------------ */

/* Length (1..4) of the well-formed UTF-8 sequence at P, or 0 when it is ill-formed; then *BAD is
 * the length of its maximal ill-formed subpart (the bytes one U+FFFD replaces). P is
 * NUL-terminated; the NUL is never a continuation byte, so nothing past it is read. The ranges
 * are Unicode's table 3-7 (no overlong forms, no surrogates, nothing above U+10FFFF). */
static size_t utf8_seq(const unsigned char *p, size_t *bad)
{
    unsigned char c = p[0], lo = 0x80, hi = 0xBF;
    size_t need;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *bad = 1;
        return 0;
    }
    for (size_t i = 1; i <= need; i++) {
        if (p[i] < lo || p[i] > hi) {
            *bad = i;
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return need + 1;
}

char *ct_utf8_sanitize(const char *s)
{
    static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
    const unsigned char *p = (const unsigned char *)s;
    size_t len, n, bad, out = 0;
    char *copy;

    if (!s)
        return NULL;
    len = strlen(s);
    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    copy = malloc(len * 3 + 1); /* each bad byte becomes at most 3 */
    if (!copy)
        return NULL;
    while (*p) {
        n = utf8_seq(p, &bad);
        if (n) {
            memcpy(copy + out, p, n);
            out += n;
            p += n;
        } else {
            memcpy(copy + out, replacement, 3);
            out += 3;
            p += bad;
        }
    }
    copy[out] = '\0';
    return copy;
}

/* --- the pretty-printer ------------------------------------------------------------------ */

/* Writes the JSON text of a scalar ITEM (string, number, bool, null, raw) as cJSON spells it. */
static int write_scalar(const cJSON *item, FILE *out)
{
    char *text = cJSON_PrintUnformatted(item);

    if (!text)
        return CT_ENOMEM;
    fputs(text, out);
    cJSON_free(text);
    return 0;
}

static int write_key(const char *key, FILE *out)
{
    cJSON *tmp = cJSON_CreateString(key ? key : "");
    int rc;

    if (!tmp)
        return CT_ENOMEM;
    rc = write_scalar(tmp, out);
    cJSON_Delete(tmp);
    return rc;
}

static int write_value(const cJSON *item, int depth, FILE *out)
{
    const bool is_object = cJSON_IsObject(item);
    int rc = 0;

    if (!is_object && !cJSON_IsArray(item))
        return write_scalar(item, out);
    if (!item->child) {
        fputs(is_object ? "{}" : "[]", out);
        return 0;
    }
    fputs(is_object ? "{\n" : "[\n", out);
    for (const cJSON *child = item->child; child && rc == 0; child = child->next) {
        fprintf(out, "%*s", 2 * (depth + 1), "");
        if (is_object) {
            rc = write_key(child->string, out);
            fputs(": ", out);
        }
        if (rc == 0)
            rc = write_value(child, depth + 1, out);
        fputs(child->next ? ",\n" : "\n", out);
    }
    fprintf(out, "%*s%c", 2 * depth, "", is_object ? '}' : ']');
    return rc;
}

int ct__json_write(const struct cJSON *item, FILE *out)
{
    int rc = write_value(item, 0, out);
    if (rc == 0 && ferror(out))
        rc = CT_EIO;
    return rc;
}

/* --- building the document --------------------------------------------------------------- */

/* Adds ITEM to OBJ under KEY; on failure deletes ITEM. Returns 0 or CT_ENOMEM. */
static int add(cJSON *obj, const char *key, cJSON *item)
{
    if (!item)
        return CT_ENOMEM;
    if (!cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        return CT_ENOMEM;
    }
    return 0;
}

/* A JSON string of S repaired to UTF-8, or null when S is NULL. NULL when out of memory. */
static cJSON *string_item(const char *s)
{
    char *clean;
    cJSON *item;

    if (!s)
        return cJSON_CreateNull();
    clean = ct_utf8_sanitize(s);
    if (!clean)
        return NULL;
    item = cJSON_CreateString(clean);
    free(clean);
    return item;
}

/* A line or column: the number, or null when 0 (unknown). */
static cJSON *position_item(unsigned v)
{
    return v ? cJSON_CreateNumber((double)v) : cJSON_CreateNull();
}

/* {"file", "line", "column"} of LOC, plus "task" when WITH_TASK, plus "message" when MESSAGE
 * is not NULL. */
static cJSON *loc_item(const struct ct_loc *loc, bool with_task, const char *task,
                       const char *message)
{
    cJSON *obj = cJSON_CreateObject();
    int rc;

    if (!obj)
        return NULL;
    rc = add(obj, "file", string_item(loc->file));
    if (rc == 0)
        rc = add(obj, "line", position_item(loc->line));
    if (rc == 0)
        rc = add(obj, "column", position_item(loc->col));
    if (rc == 0 && with_task)
        rc = add(obj, "task", string_item(task));
    if (rc == 0 && message)
        rc = add(obj, "message", string_item(message));
    if (rc != 0) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static cJSON *scope_item(const struct ct_finding *f)
{
    cJSON *obj;
    int rc;

    if (!f->scope_kind)
        return cJSON_CreateNull();
    obj = cJSON_CreateObject();
    if (!obj)
        return NULL;
    rc = add(obj, "kind", string_item(f->scope_kind));
    if (rc == 0)
        rc = add(obj, "resource", string_item(f->resource));
    if (rc == 0)
        rc = add(obj, "affinity", string_item(ct_affinity_name(f->affinity)));
    if (rc != 0) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

/* The enter or exit site of F: null when the finding has no such site. */
static cJSON *site_item(const struct ct_loc *loc, const char *task)
{
    if (!loc->file && !loc->line && !task)
        return cJSON_CreateNull();
    return loc_item(loc, true, task, NULL);
}

static cJSON *finding_item(const struct ct_finding *f)
{
    const struct ct_diag_info *info = ct_diag_info(f->diag);
    cJSON *obj = cJSON_CreateObject(), *trace;
    int rc;

    if (!obj)
        return NULL;
    rc = add(obj, "rule", string_item(info ? info->name : NULL));
    if (rc == 0)
        rc = add(obj, "severity", string_item(info ? info->severity : NULL));
    if (rc == 0)
        rc = add(obj, "message", string_item(f->message));
    if (rc == 0)
        rc = add(obj, "location", loc_item(&f->loc, false, NULL, NULL));
    if (rc == 0)
        rc = add(obj, "scope", scope_item(f));
    if (rc == 0)
        rc = add(obj, "enter", site_item(&f->enter, f->enter_task));
    if (rc == 0)
        rc = add(obj, "exit", site_item(&f->exit, f->exit_task));
    if (rc == 0)
        rc = add(obj, "edge", string_item(f->edge));
    if (rc == 0)
        rc = add(obj, "trace", trace = cJSON_CreateArray());
    for (size_t i = 0; rc == 0 && i < f->ntrace; i++) {
        const struct ct_trace_step *step = &f->trace[i];
        cJSON *item = loc_item(&step->loc, false, NULL, step->message ? step->message : "");
        if (!item || !cJSON_AddItemToArray(trace, item)) {
            cJSON_Delete(item);
            rc = CT_ENOMEM;
        }
    }
    if (rc != 0) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static cJSON *error_item(const struct ct_report_error *e)
{
    cJSON *obj = cJSON_CreateObject();
    int rc;

    if (!obj)
        return NULL;
    rc = add(obj, "file", string_item(e->file));
    if (rc == 0)
        rc = add(obj, "line", position_item(e->line));
    if (rc == 0)
        rc = add(obj, "column", position_item(e->col));
    if (rc == 0)
        rc = add(obj, "message", string_item(e->message ? e->message : ""));
    if (rc != 0) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

/* Seconds rounded to hundredths (0 for a negative or NaN time). */
static double round_seconds(double s)
{
    if (!(s > 0))
        return 0;
    if (s > 1e15)
        return s;
    return (double)(long long)(s * 100 + 0.5) / 100;
}

static cJSON *document(const struct ct_report *report)
{
    cJSON *root = cJSON_CreateObject(), *tool, *findings, *errors, *summary;
    int rc;

    if (!root)
        return NULL;
    rc = add(root, "tool", tool = cJSON_CreateObject());
    if (rc == 0)
        rc = add(tool, "name", cJSON_CreateString("crosstask"));
    if (rc == 0)
        rc = add(tool, "version", cJSON_CreateString(CT_VERSION));
    if (rc == 0)
        rc = add(root, "findings", findings = cJSON_CreateArray());
    for (size_t i = 0; rc == 0 && i < report->nfindings; i++) {
        cJSON *item = finding_item(&report->findings[i]);
        if (!item || !cJSON_AddItemToArray(findings, item)) {
            cJSON_Delete(item);
            rc = CT_ENOMEM;
        }
    }
    if (rc == 0)
        rc = add(root, "errors", errors = cJSON_CreateArray());
    for (size_t i = 0; rc == 0 && i < report->nerrors; i++) {
        cJSON *item = error_item(&report->errors[i]);
        if (!item || !cJSON_AddItemToArray(errors, item)) {
            cJSON_Delete(item);
            rc = CT_ENOMEM;
        }
    }
    if (rc == 0)
        rc = add(root, "summary", summary = cJSON_CreateObject());
    if (rc == 0)
        rc = add(summary, "files", cJSON_CreateNumber((double)report->nfiles));
    if (rc == 0)
        rc = add(summary, "findings", cJSON_CreateNumber((double)report->nfindings));
    if (rc == 0)
        rc = add(summary, "errors", cJSON_CreateNumber((double)report->nerrors));
    if (rc == 0)
        rc = add(summary, "seconds", cJSON_CreateNumber(round_seconds(report->seconds)));
    if (rc != 0) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

int ct_report_write_json(const struct ct_report *report, FILE *out)
{
    cJSON *root = document(report);
    int rc;

    if (!root)
        return CT_ENOMEM;
    rc = ct__json_write(root, out);
    cJSON_Delete(root);
    if (rc == 0) {
        putc('\n', out);
        if (fflush(out) != 0 || ferror(out))
            rc = CT_EIO;
    }
    return rc;
}
