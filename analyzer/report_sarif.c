/* report_sarif.c - the SARIF 2.1.0 report (DESIGN.md "Output"), as GitHub code scanning and the
 * SARIF Multitool take it: every diagnostic of diagnostics.def as a rule with its documentation
 * (explain.def), each finding as a result with the enter site as a related location, its trace
 * as a code flow and a fingerprint that survives code moving (fingerprint.c); report errors as
 * tool execution notifications.
 *
 * Writes only to the FILE it is given; must never decide exit status or exit. The cJSON tree
 * lives only inside ct_report_write_sarif.
 */
#include <cjson/cJSON.h>

#include "report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_SRCROOT "%SRCROOT%"
#define SARIF_FINGERPRINT_KEY "crosstaskFingerprint/v1"
#ifndef CT_INFORMATION_URI
#define CT_INFORMATION_URI "https://github.com/crosstask/crosstask"
#endif

/* --- cJSON helpers (each returns 0 or CT_ENOMEM; a failed add deletes the item) ------------ */

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

static int push(cJSON *arr, cJSON *item)
{
    if (!item)
        return CT_ENOMEM;
    if (!cJSON_AddItemToArray(arr, item)) {
        cJSON_Delete(item);
        return CT_ENOMEM;
    }
    return 0;
}

/* A JSON string of S repaired to UTF-8 ("" for NULL); NULL when out of memory. */
static cJSON *string_item(const char *s)
{
    char *clean = ct_utf8_sanitize(s ? s : "");
    cJSON *item;

    if (!clean)
        return NULL;
    item = cJSON_CreateString(clean);
    free(clean);
    return item;
}

/* {"text": S} */
static cJSON *message_item(const char *s)
{
    cJSON *obj = cJSON_CreateObject();

    if (obj && add(obj, "text", string_item(s)) != 0) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static cJSON *number_item(size_t v)
{
    return cJSON_CreateNumber((double)v);
}

/* --- strings ----------------------------------------------------------------------------- */

/* A growable string; on allocation failure OK becomes false and further appends do nothing. */
struct buf {
    char *s;
    size_t len, cap;
    bool ok;
};

static void buf_add_n(struct buf *b, const char *s, size_t n)
{
    if (!b->ok)
        return;
    if (ct_grow((void **)&b->s, &b->cap, b->len + n + 1, 1) != 0) {
        b->ok = false;
        return;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void buf_add(struct buf *b, const char *s)
{
    buf_add_n(b, s, strlen(s));
}

/* B's string, now owned by the caller (free()); NULL when an append failed. */
static char *buf_take(struct buf *b)
{
    if (!b->ok || !b->s) {
        free(b->s);
        return b->ok ? strdup("") : NULL;
    }
    return b->s;
}

/* "cross-task-exit" -> "CrossTaskExit". Returns a new string or NULL. */
static char *camel_case(const char *id)
{
    char *out = malloc(strlen(id) + 1);
    size_t n = 0;
    bool upper = true;

    if (!out)
        return NULL;
    for (const char *p = id; *p; p++) {
        if (*p == '-' || *p == '_' || *p == ' ') {
            upper = true;
            continue;
        }
        out[n++] = upper && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
        upper = false;
    }
    out[n] = '\0';
    return out;
}

/* Appends PATH percent-encoded as a URI path: unreserved characters and '/' as they are, every
 * other byte (UTF-8 included) as %XX. */
static void buf_add_uri_path(struct buf *b, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";

    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            buf_add_n(b, (const char *)p, 1);
        } else {
            char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
            buf_add_n(b, esc, 3);
        }
    }
}

/* The current directory as a file:// URI ending in '/', or NULL (unknown, or out of memory). */
static char *cwd_uri(const char *cwd)
{
    struct buf b = {.ok = true};

    if (!cwd)
        return NULL;
    buf_add(&b, "file://");
    buf_add_uri_path(&b, cwd);
    if (b.ok && (b.len == 0 || b.s[b.len - 1] != '/'))
        buf_add(&b, "/");
    return buf_take(&b);
}

/* Where FILE is, as SARIF's artifactLocation wants it: a relative path stays relative (leading
 * "./" dropped) and is resolved against %SRCROOT% (the current directory); an absolute one under
 * the current directory CWD is made relative to it too (GitHub code scanning takes only paths it
 * can place in the repository); any other absolute one becomes a file:// URI. *RELATIVE says
 * which. Returns a new string or NULL when out of memory. */
static char *artifact_uri(const char *file, const char *cwd, bool *relative)
{
    struct buf b = {.ok = true};
    size_t n = cwd ? strlen(cwd) : 0;

    while (n > 1 && cwd[n - 1] == '/')
        n--;
    *relative = true;
    if (file[0] == '/') {
        if (cwd && n > 1 && strncmp(file, cwd, n) == 0 && file[n] == '/' && file[n + 1]) {
            file += n + 1;
        } else {
            *relative = false;
            buf_add(&b, "file://");
        }
    }
    if (*relative)
        while (file[0] == '.' && file[1] == '/')
            for (file += 2; *file == '/'; file++)
                ;
    buf_add_uri_path(&b, file);
    return buf_take(&b);
}

/* The 1-based column in UTF-16 code units (SARIF's columnKind) of the 1-based byte column COL
 * of LINE; COL when the line is unknown. Ill-formed bytes count one unit each. */
static unsigned utf16_column(const char *line, unsigned col)
{
    const unsigned char *p = (const unsigned char *)line;
    size_t bytes = col - 1, i = 0;
    unsigned units = 0;

    if (!line || col == 0)
        return col;
    while (i < bytes && p[i]) {
        unsigned char c = p[i];
        size_t n = c < 0xC2 || c > 0xF4 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        bool ok = i + n <= bytes || n == 1;
        for (size_t k = 1; ok && k < n; k++)
            ok = (p[i + k] & 0xC0) == 0x80;
        if (!ok)
            n = 1;
        units += n == 4 ? 2 : 1;
        i += n;
    }
    units += (unsigned)(bytes - i); /* past the end of the line: one unit per byte */
    return units + 1;
}

/* --- locations --------------------------------------------------------------------------- */

struct sarif {
    const struct ct_report *report;
    const struct ct_rules *rules;
    struct ct_source_cache *src;
    const char *cwd; /* the current directory, or NULL when unknown */
};

/* {"text": TEXT} */
static cJSON *snippet_item(const char *text)
{
    return message_item(text);
}

/* Adds to PHYS a contextRegion: lines LINE-2 .. LINE+2 of FILE (those that exist) with their
 * text, for viewers without the sources; nothing when the line cannot be read. Returns 0 or
 * CT_ENOMEM. */
static int add_context_region(struct sarif *s, cJSON *phys, const char *file, unsigned line)
{
    unsigned first = line > 2 ? line - 2 : 1, last = line;
    struct buf b = {.ok = true};
    cJSON *ctx = NULL;
    char *text;
    int rc;

    if (!ct_source_line(s->src, file, line))
        return 0;
    while (last < line + 2 && ct_source_line(s->src, file, last + 1))
        last++;
    for (unsigned l = first; l <= last; l++) {
        const char *t = ct_source_line(s->src, file, l);
        buf_add(&b, t ? t : "");
        if (l < last)
            buf_add(&b, "\n");
    }
    if (!(text = buf_take(&b)))
        return CT_ENOMEM;
    rc = add(phys, "contextRegion", ctx = cJSON_CreateObject());
    if (rc == 0)
        rc = add(ctx, "startLine", number_item(first));
    if (rc == 0)
        rc = add(ctx, "endLine", number_item(last));
    if (rc == 0)
        rc = add(ctx, "snippet", snippet_item(text));
    free(text);
    return rc;
}

/* {"physicalLocation": {"artifactLocation": {"uri", "uriBaseId"?}, "region"?}} of FILE:LINE:COL
 * plus "message" when MESSAGE is not NULL and "id" when ID > 0; or, when FILE is NULL, just the
 * message (a location may hold only that). With SNIPPETS, the region holds the text from COL to
 * the end of the line and a context region the lines around it, where the file can be read. */
static cJSON *location_item(struct sarif *s, const char *file, unsigned line, unsigned col,
                            const char *message, int id, bool snippets)
{
    cJSON *loc = cJSON_CreateObject(), *phys = NULL, *art = NULL, *region = NULL;
    const char *text = file && line > 0 ? ct_source_line(s->src, file, line) : NULL;
    bool relative;
    char *uri = NULL;
    int rc = 0;

    if (!loc)
        return NULL;
    if (id > 0)
        rc = add(loc, "id", number_item((size_t)id));
    if (rc == 0 && file) {
        rc = add(loc, "physicalLocation", phys = cJSON_CreateObject());
        if (rc == 0)
            rc = add(phys, "artifactLocation", art = cJSON_CreateObject());
        if (rc == 0 && !(uri = artifact_uri(file, s->cwd, &relative)))
            rc = CT_ENOMEM;
        if (rc == 0)
            rc = add(art, "uri", string_item(uri));
        if (rc == 0 && relative)
            rc = add(art, "uriBaseId", cJSON_CreateString(SARIF_SRCROOT));
        if (rc == 0 && line > 0) {
            rc = add(phys, "region", region = cJSON_CreateObject());
            if (rc == 0)
                rc = add(region, "startLine", number_item(line));
            if (rc == 0 && col > 0)
                rc = add(region, "startColumn", number_item(utf16_column(text, col)));
            if (rc == 0 && snippets && text) {
                size_t skip = col > 0 ? col - 1 : 0;
                rc = add(region, "snippet",
                         snippet_item(skip <= strlen(text) ? text + skip : ""));
                if (rc == 0)
                    rc = add_context_region(s, phys, file, line);
            }
        }
    }
    if (rc == 0 && message)
        rc = add(loc, "message", message_item(message));
    free(uri);
    if (rc != 0) {
        cJSON_Delete(loc);
        return NULL;
    }
    return loc;
}

static cJSON *loc_item(struct sarif *s, const struct ct_loc *loc, const char *message, int id)
{
    return location_item(s, loc->file, loc->line, loc->col, message, id, false);
}

static bool same_loc(const struct ct_loc *a, const struct ct_loc *b)
{
    return a->line == b->line && a->col == b->col &&
           (a->file == b->file || (a->file && b->file && strcmp(a->file, b->file) == 0));
}

/* --- rules ------------------------------------------------------------------------------- */

/* S with a full stop added when it does not end in one (SARIF wants sentences in descriptions). */
static cJSON *sentence_message(const char *s)
{
    struct buf b = {.ok = true};
    size_t n = strlen(s);
    cJSON *item;
    char *text;

    buf_add(&b, s);
    if (n == 0 || (s[n - 1] != '.' && s[n - 1] != '?' && s[n - 1] != '!'))
        buf_add(&b, ".");
    if (!(text = buf_take(&b)))
        return NULL;
    if (text[0] >= 'a' && text[0] <= 'z')
        text[0] = (char)(text[0] - 'a' + 'A');
    item = message_item(text);
    free(text);
    return item;
}

/* help: plain text (why it is bad, what to write instead) and the same as Markdown, with the
 * example, the fix and the known limitations. */
static cJSON *help_item(const struct ct_explain *ex)
{
    struct buf text = {.ok = true}, md = {.ok = true};
    cJSON *obj = cJSON_CreateObject();
    char *t = NULL, *m = NULL;
    int rc;

    if (!obj)
        return NULL;
    if (ex && ex->why) {
        buf_add(&text, ex->why);
        buf_add(&md, "## Why is this bad?\n\n");
        buf_add(&md, ex->why);
    }
    if (ex && ex->example) {
        buf_add(&md, "\n\n## Example\n\n```c\n");
        buf_add(&md, ex->example);
        buf_add(&md, "```");
    }
    if (ex && ex->use_instead) {
        buf_add(&text, "\n\nUse instead:\n\n");
        buf_add(&text, ex->use_instead);
        buf_add(&md, "\n\n## Use instead\n\n```c\n");
        buf_add(&md, ex->use_instead);
        buf_add(&md, "```");
    }
    if (ex && ex->limitations) {
        buf_add(&md, "\n\n## Known limitations\n\n");
        buf_add(&md, ex->limitations);
    }
    t = buf_take(&text);
    m = buf_take(&md);
    rc = t && m ? 0 : CT_ENOMEM;
    if (rc == 0)
        rc = add(obj, "text", string_item(t));
    if (rc == 0)
        rc = add(obj, "markdown", string_item(m));
    free(t);
    free(m);
    if (rc != 0) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static cJSON *rule_item(enum ct_diag diag)
{
    const struct ct_diag_info *info = ct_diag_info(diag);
    const struct ct_explain *ex = ct_diag_explain(diag);
    cJSON *obj = cJSON_CreateObject(), *conf = NULL, *props = NULL, *tags = NULL;
    char *name = camel_case(info->name);
    int rc = name ? 0 : CT_ENOMEM;

    if (!obj) {
        free(name);
        return NULL;
    }
    if (rc == 0)
        rc = add(obj, "id", string_item(info->name));
    if (rc == 0)
        rc = add(obj, "name", string_item(name));
    if (rc == 0)
        rc = add(obj, "shortDescription", sentence_message(info->summary));
    if (rc == 0)
        rc = add(obj, "fullDescription",
                 ex && ex->what ? message_item(ex->what) : sentence_message(info->summary));
    if (rc == 0)
        rc = add(obj, "help", help_item(ex));
    if (rc == 0)
        rc = add(obj, "defaultConfiguration", conf = cJSON_CreateObject());
    if (rc == 0)
        rc = add(conf, "level", string_item(info->severity));
    if (rc == 0)
        rc = add(obj, "properties", props = cJSON_CreateObject());
    if (rc == 0)
        rc = add(props, "tags", tags = cJSON_CreateArray());
    if (rc == 0)
        rc = push(tags, cJSON_CreateString("concurrency"));
    if (rc == 0)
        rc = push(tags, cJSON_CreateString("correctness"));
    if (rc == 0)
        rc = add(props, "problem.severity", string_item(info->severity));
    free(name);
    if (rc != 0) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

/* tool: the driver with every diagnostic, and each loaded rule pack as an extension. */
static cJSON *tool_item(struct sarif *s)
{
    cJSON *tool = cJSON_CreateObject(), *driver = NULL, *rules = NULL, *exts = NULL;
    int rc;

    if (!tool)
        return NULL;
    rc = add(tool, "driver", driver = cJSON_CreateObject());
    if (rc == 0)
        rc = add(driver, "name", cJSON_CreateString("crosstask"));
    if (rc == 0)
        rc = add(driver, "version", cJSON_CreateString(CT_VERSION));
    if (rc == 0)
        rc = add(driver, "semanticVersion", cJSON_CreateString(CT_VERSION));
    if (rc == 0)
        rc = add(driver, "informationUri", cJSON_CreateString(CT_INFORMATION_URI));
    if (rc == 0)
        rc = add(driver, "rules", rules = cJSON_CreateArray());
    for (int d = 0; rc == 0 && d < CT_DIAG_COUNT; d++)
        rc = push(rules, rule_item((enum ct_diag)d));
    if (rc == 0 && s->rules && s->rules->npacks > 0) {
        rc = add(tool, "extensions", exts = cJSON_CreateArray());
        for (size_t i = 0; rc == 0 && i < s->rules->npacks; i++) {
            const struct ct_pack_info *p = &s->rules->packs[i];
            cJSON *ext = cJSON_CreateObject();
            rc = push(exts, ext);
            if (rc == 0)
                rc = add(ext, "name", string_item(p->name));
            if (rc == 0 && p->summary)
                rc = add(ext, "shortDescription", message_item(p->summary));
            if (rc == 0 && p->see && strncmp(p->see, "https://", 8) == 0)
                rc = add(ext, "informationUri", string_item(p->see));
        }
    }
    if (rc != 0) {
        cJSON_Delete(tool);
        return NULL;
    }
    return tool;
}

/* --- results ----------------------------------------------------------------------------- */

/* What the last step of the flow says: "unlocked here in 'worker_main'". */
static char *exit_step_message(struct sarif *s, const struct ct_finding *f)
{
    const struct ct_scope *sc =
        s->rules && f->scope_kind ? ct_rules_find_scope(s->rules, f->scope_kind) : NULL;
    struct buf b = {.ok = true};

    buf_add(&b, sc && sc->exit_verb ? sc->exit_verb : "exited");
    buf_add(&b, " here");
    if (f->exit_task) {
        buf_add(&b, " in '");
        buf_add(&b, f->exit_task);
        buf_add(&b, "'");
    }
    return buf_take(&b);
}

/* One threadFlowLocation: LOC with MESSAGE, its place in the flow and what happens there. */
static cJSON *flow_location(struct sarif *s, const struct ct_loc *loc, const char *message,
                            size_t order, const char *kind)
{
    cJSON *obj = cJSON_CreateObject(), *kinds = NULL;
    int rc;

    if (!obj)
        return NULL;
    rc = add(obj, "location", loc_item(s, loc, message ? message : "", 0));
    if (rc == 0 && kind) {
        rc = add(obj, "kinds", kinds = cJSON_CreateArray());
        if (rc == 0)
            rc = push(kinds, cJSON_CreateString(kind));
    }
    if (rc == 0)
        rc = add(obj, "nestingLevel", number_item(0));
    if (rc == 0)
        rc = add(obj, "executionOrder", number_item(order));
    if (rc != 0) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

/* codeFlows: one thread flow through the trace, ending at the exit. */
static cJSON *code_flows_item(struct sarif *s, const struct ct_finding *f)
{
    cJSON *flows = cJSON_CreateArray(), *flow = NULL, *threads = NULL, *thread = NULL;
    cJSON *locs = NULL;
    size_t order = 0;
    char *last = NULL;
    int rc;

    if (!flows)
        return NULL;
    rc = push(flows, flow = cJSON_CreateObject());
    if (rc == 0)
        rc = add(flow, "threadFlows", threads = cJSON_CreateArray());
    if (rc == 0)
        rc = push(threads, thread = cJSON_CreateObject());
    if (rc == 0)
        rc = add(thread, "locations", locs = cJSON_CreateArray());
    for (size_t i = 0; rc == 0 && i < f->ntrace; i++) {
        const struct ct_trace_step *st = &f->trace[i];
        const char *kind = i == 0 && same_loc(&st->loc, &f->enter) ? "acquire" : NULL;
        rc = push(locs, flow_location(s, &st->loc, st->message, ++order, kind));
    }
    if (rc == 0 && (f->ntrace == 0 || !same_loc(&f->trace[f->ntrace - 1].loc, &f->loc))) {
        if (!(last = exit_step_message(s, f)))
            rc = CT_ENOMEM;
        if (rc == 0)
            rc = push(locs, flow_location(s, &f->loc, last, ++order, "release"));
    }
    free(last);
    if (rc != 0) {
        cJSON_Delete(flows);
        return NULL;
    }
    return flows;
}

/* properties: the finding's facts that SARIF has no place for. */
static cJSON *result_properties(const struct ct_finding *f)
{
    cJSON *obj = cJSON_CreateObject();
    int rc = 0;

    if (!obj)
        return NULL;
    if (f->scope_kind)
        rc = add(obj, "scopeKind", string_item(f->scope_kind));
    if (rc == 0 && f->resource)
        rc = add(obj, "resource", string_item(f->resource));
    if (rc == 0 && f->scope_kind)
        rc = add(obj, "affinity", string_item(ct_affinity_name(f->affinity)));
    if (rc == 0 && f->enter_task)
        rc = add(obj, "enterTask", string_item(f->enter_task));
    if (rc == 0 && f->exit_task)
        rc = add(obj, "exitTask", string_item(f->exit_task));
    if (rc == 0 && f->edge)
        rc = add(obj, "edge", string_item(f->edge));
    if (rc == 0 && f->function)
        rc = add(obj, "function", string_item(f->function));
    if (rc != 0) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static cJSON *result_item(struct sarif *s, const struct ct_finding *f, const char *fingerprint)
{
    const struct ct_diag_info *info = ct_diag_info(f->diag);
    cJSON *obj = cJSON_CreateObject(), *locs = NULL, *related = NULL, *fps = NULL;
    int rc;

    if (!obj)
        return NULL;
    rc = add(obj, "ruleId", string_item(info ? info->name : "unknown"));
    if (rc == 0 && info)
        rc = add(obj, "ruleIndex", number_item((size_t)f->diag));
    if (rc == 0)
        rc = add(obj, "level", string_item(info ? info->severity : "warning"));
    if (rc == 0)
        rc = add(obj, "message", message_item(f->message));
    if (rc == 0)
        rc = add(obj, "locations", locs = cJSON_CreateArray());
    if (rc == 0 && f->loc.file)
        rc = push(locs, location_item(s, f->loc.file, f->loc.line, f->loc.col, NULL, 0, true));
    if (rc == 0 && f->enter.file) {
        const char *msg = f->ntrace > 0 && same_loc(&f->trace[0].loc, &f->enter)
                              ? f->trace[0].message
                              : "entered here";
        rc = add(obj, "relatedLocations", related = cJSON_CreateArray());
        if (rc == 0)
            rc = push(related, loc_item(s, &f->enter, msg ? msg : "entered here", 1));
    }
    if (rc == 0 && (f->ntrace > 0 || f->loc.file))
        rc = add(obj, "codeFlows", code_flows_item(s, f));
    if (rc == 0)
        rc = add(obj, "partialFingerprints", fps = cJSON_CreateObject());
    if (rc == 0)
        rc = add(fps, SARIF_FINGERPRINT_KEY, string_item(fingerprint));
    if (rc == 0)
        rc = add(obj, "properties", result_properties(f));
    if (rc != 0) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

/* invocations[0]: whether every input was analysed, and each error as a notification. */
static cJSON *invocations_item(struct sarif *s)
{
    const struct ct_report *r = s->report;
    cJSON *invs = cJSON_CreateArray(), *inv = NULL, *notes = NULL;
    int rc;

    if (!invs)
        return NULL;
    rc = push(invs, inv = cJSON_CreateObject());
    if (rc == 0)
        rc = add(inv, "executionSuccessful", cJSON_CreateBool(r->nerrors == 0));
    if (rc == 0 && r->nerrors > 0)
        rc = add(inv, "toolExecutionNotifications", notes = cJSON_CreateArray());
    for (size_t i = 0; rc == 0 && i < r->nerrors; i++) {
        const struct ct_report_error *e = &r->errors[i];
        cJSON *note = cJSON_CreateObject(), *locs = NULL;
        rc = push(notes, note);
        if (rc == 0)
            rc = add(note, "level", cJSON_CreateString("error"));
        if (rc == 0)
            rc = add(note, "message", message_item(e->message));
        if (rc == 0 && e->file) {
            rc = add(note, "locations", locs = cJSON_CreateArray());
            if (rc == 0)
                rc = push(locs, location_item(s, e->file, e->line, e->col, NULL, 0, false));
        }
    }
    if (rc != 0) {
        cJSON_Delete(invs);
        return NULL;
    }
    return invs;
}

static cJSON *document(struct sarif *s, char (*fps)[40])
{
    cJSON *root = cJSON_CreateObject(), *runs = NULL, *run = NULL, *results = NULL;
    cJSON *bases = NULL, *base = NULL;
    char *root_uri = cwd_uri(s->cwd);
    int rc = s->cwd && !root_uri ? CT_ENOMEM : 0;

    if (!root) {
        free(root_uri);
        return NULL;
    }
    if (rc == 0)
        rc = add(root, "$schema", cJSON_CreateString(SARIF_SCHEMA));
    if (rc == 0)
        rc = add(root, "version", cJSON_CreateString("2.1.0"));
    if (rc == 0)
        rc = add(root, "runs", runs = cJSON_CreateArray());
    if (rc == 0)
        rc = push(runs, run = cJSON_CreateObject());
    if (rc == 0)
        rc = add(run, "tool", tool_item(s));
    if (rc == 0)
        rc = add(run, "invocations", invocations_item(s));
    if (rc == 0 && root_uri) {
        rc = add(run, "originalUriBaseIds", bases = cJSON_CreateObject());
        if (rc == 0)
            rc = add(bases, SARIF_SRCROOT, base = cJSON_CreateObject());
        if (rc == 0)
            rc = add(base, "uri", string_item(root_uri));
    }
    if (rc == 0)
        rc = add(run, "results", results = cJSON_CreateArray());
    for (size_t i = 0; rc == 0 && i < s->report->nfindings; i++)
        rc = push(results, result_item(s, &s->report->findings[i], fps[i]));
    if (rc == 0)
        rc = add(run, "columnKind", cJSON_CreateString("utf16CodeUnits"));
    free(root_uri);
    if (rc != 0) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

/* The current directory (a new string), or NULL when it cannot be had. */
static char *current_dir(void)
{
    size_t size = 256;

    for (;;) {
        char *buf = malloc(size);
        if (!buf)
            return NULL;
        if (getcwd(buf, size))
            return buf;
        free(buf);
        if (size > 65536)
            return NULL;
        size *= 2;
    }
}

int ct_report_write_sarif(const struct ct_report *report, const struct ct_rules *rules,
                          struct ct_source_cache *src, FILE *out)
{
    struct sarif s = {report, rules, src, NULL};
    struct ct_source_cache *own = NULL;
    char(*fps)[40] = NULL;
    char *cwd = current_dir();
    cJSON *root = NULL;
    int rc = 0;

    s.cwd = cwd;
    if (!s.src && !(s.src = own = ct_source_cache_new()))
        rc = CT_ENOMEM;
    if (rc == 0 && report->nfindings > 0 && !(fps = calloc(report->nfindings, sizeof(*fps))))
        rc = CT_ENOMEM;
    if (rc == 0)
        rc = ct_report_fingerprints(report, s.src, fps);
    if (rc == 0 && !(root = document(&s, fps)))
        rc = CT_ENOMEM;
    if (rc == 0)
        rc = ct__json_write(root, out);
    if (rc == 0) {
        putc('\n', out);
        if (fflush(out) != 0 || ferror(out))
            rc = CT_EIO;
    }
    cJSON_Delete(root);
    free(fps);
    free(cwd);
    ct_source_cache_free(own);
    return rc;
}
