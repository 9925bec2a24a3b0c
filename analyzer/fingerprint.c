/* fingerprint.c - stable identities for findings (SARIF partialFingerprints, baselines) and the
 * source-line cache they are computed from.
 *
 * A fingerprint hashes what a finding is, not where it is: the rule, the enclosing function, the
 * scope kind and the normalised source text of the enter and exit lines (comments stripped,
 * whitespace collapsed). Line and column numbers never enter it, so code that moves keeps its
 * fingerprint; an edit of the enter or exit line makes a new one.
 *
 * Reads source files (each once, through struct ct_source_cache); must never print, write files
 * or exit.
 */
#include "findings.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the source cache -------------------------------------------------------------------- */

struct source_file {
    char *path;    /* owned copy of the name it was asked for */
    char *text;    /* the whole file, each '\n' (and a '\r' before it) replaced by '\0'; NULL
                    * when the file could not be read */
    size_t nlines;
    size_t *lines; /* offset in TEXT of each line's first byte */
};

struct ct_source_cache {
    size_t nfiles, capfiles;
    struct source_file *files;
    size_t nslots;  /* power of two, or 0 */
    size_t *slots;  /* open-addressed index: 0 free, else 1 + index in FILES */
};

struct ct_source_cache *ct_source_cache_new(void)
{
    return calloc(1, sizeof(struct ct_source_cache));
}

void ct_source_cache_free(struct ct_source_cache *cache)
{
    if (!cache)
        return;
    for (size_t i = 0; i < cache->nfiles; i++) {
        free(cache->files[i].path);
        free(cache->files[i].text);
        free(cache->files[i].lines);
    }
    free(cache->files);
    free(cache->slots);
    free(cache);
}

static size_t path_hash(const char *path)
{
    return (size_t)ct_hash(CT_HASH_INIT, path, strlen(path));
}

/* The slot where PATH is, or the free slot where it would go. NSLOTS > 0 and not full. */
static size_t *find_slot(const struct ct_source_cache *cache, const char *path)
{
    size_t mask = cache->nslots - 1, i = path_hash(path) & mask;

    while (cache->slots[i] != 0 && strcmp(cache->files[cache->slots[i] - 1].path, path) != 0)
        i = (i + 1) & mask;
    return &cache->slots[i];
}

/* Keeps the index at most half full. Returns 0 or CT_ENOMEM. */
static int index_reserve(struct ct_source_cache *cache, size_t nfiles)
{
    size_t n = cache->nslots ? cache->nslots : 16, *old = cache->slots, oldn = cache->nslots;

    while (n / 2 < nfiles) {
        if (n > SIZE_MAX / 2 / sizeof(*old))
            return CT_ENOMEM;
        n *= 2;
    }
    if (n == cache->nslots)
        return 0;
    cache->slots = calloc(n, sizeof(*cache->slots));
    if (!cache->slots) {
        cache->slots = old;
        return CT_ENOMEM;
    }
    cache->nslots = n;
    for (size_t i = 0; i < oldn; i++)
        if (old[i])
            *find_slot(cache, cache->files[old[i] - 1].path) = old[i];
    free(old);
    return 0;
}

/* Reads PATH whole into SF->text and splits it into lines. A file that cannot be read leaves
 * SF->text NULL (that is not an error: its lines are simply unknown). Returns 0 or CT_ENOMEM. */
static int source_read(struct source_file *sf, const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *text = NULL, *p;
    size_t len = 0, cap = 0, n, cap_lines = 0;
    int rc = 0;

    if (!fp)
        return 0;
    for (;;) {
        if (cap - len < 4096 + 1) {
            size_t ncap = cap ? cap * 2 : 8192;
            if (ncap < cap || !(p = realloc(text, ncap))) {
                rc = CT_ENOMEM;
                goto out;
            }
            text = p;
            cap = ncap;
        }
        n = fread(text + len, 1, cap - len - 1, fp);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(fp))
        goto out; /* unreadable (a directory, an I/O error): lines unknown */
    text[len] = '\0';
    for (size_t start = 0, end; start < len; start = end + 1) {
        for (end = start; end < len && text[end] != '\n'; end++)
            ;
        if (ct_grow((void **)&sf->lines, &cap_lines, sf->nlines + 1, sizeof(*sf->lines)) != 0) {
            rc = CT_ENOMEM;
            goto out;
        }
        sf->lines[sf->nlines++] = start;
        text[end] = '\0'; /* the '\n', or the terminator already there */
        if (end > start && text[end - 1] == '\r')
            text[end - 1] = '\0';
    }
    sf->text = text;
    text = NULL;
out:
    if (rc != 0) {
        free(sf->lines);
        sf->lines = NULL;
        sf->nlines = 0;
    }
    free(text);
    fclose(fp);
    return rc;
}

/* Finds or loads FILE. *OUT is the entry (its text NULL when unreadable). Returns 0 or
 * CT_ENOMEM (then *OUT is NULL). */
static int source_get(struct ct_source_cache *cache, const char *file, struct source_file **out)
{
    struct source_file *sf;
    size_t *slot;
    int rc;

    *out = NULL;
    if (cache->nslots) {
        slot = find_slot(cache, file);
        if (*slot) {
            *out = &cache->files[*slot - 1];
            return 0;
        }
    }
    if ((rc = index_reserve(cache, cache->nfiles + 1)) != 0)
        return rc;
    if (ct_grow((void **)&cache->files, &cache->capfiles, cache->nfiles + 1,
                sizeof(*cache->files)) != 0)
        return CT_ENOMEM;
    sf = &cache->files[cache->nfiles];
    memset(sf, 0, sizeof(*sf));
    if (!(sf->path = strdup(file)))
        return CT_ENOMEM;
    if ((rc = source_read(sf, file)) != 0) {
        free(sf->path);
        return rc;
    }
    cache->nfiles++;
    *find_slot(cache, file) = cache->nfiles;
    *out = sf;
    return 0;
}

/* ct_source_line with an out-of-memory report: *LINE is the text or NULL. */
static int source_line(struct ct_source_cache *cache, const char *file, unsigned line,
                       const char **text)
{
    struct source_file *sf;
    int rc;

    *text = NULL;
    if (!cache || !file || line == 0)
        return 0;
    if ((rc = source_get(cache, file, &sf)) != 0)
        return rc;
    if (sf->text && line <= sf->nlines)
        *text = sf->text + sf->lines[line - 1];
    return 0;
}

const char *ct_source_line(struct ct_source_cache *cache, const char *file, unsigned line)
{
    const char *text;

    source_line(cache, file, line, &text);
    return text;
}

/* --- normalisation ----------------------------------------------------------------------- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* LINE with comments removed (`// ...` to the end, `/ * ... * /` inside it, an unclosed one to
 * the end), every run of white space made one space, and no space at either end. String and
 * character literals are kept as they are. Returns a new string (free with free()) or NULL when
 * out of memory. */
static char *normalise_line(const char *line)
{
    size_t len = strlen(line), out = 0;
    char *buf = malloc(len + 1);
    bool pending_space = false;
    char quote = 0;

    if (!buf)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        char c = line[i];
        if (!quote) {
            if (c == '/' && line[i + 1] == '/')
                break;
            if (c == '/' && line[i + 1] == '*') {
                const char *end = strstr(line + i + 2, "*/");
                if (!end)
                    break;
                i = (size_t)(end - line) + 1;
                pending_space = true;
                continue;
            }
            if (is_space(c)) {
                pending_space = true;
                continue;
            }
        }
        if (pending_space && out > 0)
            buf[out++] = ' ';
        pending_space = false;
        buf[out++] = c;
        if (quote) {
            if (c == '\\' && i + 1 < len)
                buf[out++] = line[++i];
            else if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        }
    }
    buf[out] = '\0';
    return buf;
}

/* --- fingerprints ------------------------------------------------------------------------ */

/* Two FNV-1a 64 states from different seeds, finished with a 64-bit mixer each. */
struct fp_hash {
    unsigned long long h[2];
};

static void fp_add(struct fp_hash *fh, const char *field)
{
    static const char present = 'S', absent = 'N', end = '\0';

    if (!field) {
        fh->h[0] = ct_hash(fh->h[0], &absent, 1);
        fh->h[1] = ct_hash(fh->h[1], &absent, 1);
        return;
    }
    fh->h[0] = ct_hash(fh->h[0], &present, 1);
    fh->h[1] = ct_hash(fh->h[1], &present, 1);
    fh->h[0] = ct_hash(fh->h[0], field, strlen(field));
    fh->h[1] = ct_hash(fh->h[1], field, strlen(field));
    fh->h[0] = ct_hash(fh->h[0], &end, 1);
    fh->h[1] = ct_hash(fh->h[1], &end, 1);
}

/* The splitmix64 finaliser: every input bit affects every output bit. */
static unsigned long long fp_mix(unsigned long long x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* Adds the normalised text of FILE:LINE, or (when the line cannot be read) a marker and the
 * resource, so that findings in unreadable files still differ by what they are about. */
static int fp_add_line(struct fp_hash *fh, struct ct_source_cache *src, const struct ct_loc *loc,
                       const char *resource)
{
    const char *text;
    char *norm;
    int rc = source_line(src, loc->file, loc->line, &text);

    if (rc != 0)
        return rc;
    if (!text) {
        fp_add(fh, NULL);
        fp_add(fh, resource);
        return 0;
    }
    if (!(norm = normalise_line(text)))
        return CT_ENOMEM;
    fp_add(fh, norm);
    free(norm);
    return 0;
}

int ct_finding_fingerprint(const struct ct_finding *f, struct ct_source_cache *src, char out[33])
{
    const struct ct_diag_info *info = ct_diag_info(f->diag);
    struct fp_hash fh = {{CT_HASH_INIT, CT_HASH_INIT ^ 0x9e3779b97f4a7c15ULL}};
    const struct ct_loc *exit = f->exit.file ? &f->exit : &f->loc;
    struct ct_source_cache *own = NULL;
    int rc;

    out[0] = '\0';
    if (!src && !(src = own = ct_source_cache_new()))
        return CT_ENOMEM;
    fp_add(&fh, "crosstask-fingerprint-v1");
    fp_add(&fh, info ? info->name : NULL);
    fp_add(&fh, f->function);
    fp_add(&fh, f->scope_kind);
    rc = fp_add_line(&fh, src, &f->enter, f->resource);
    if (rc == 0)
        rc = fp_add_line(&fh, src, exit, f->resource);
    if (rc == 0)
        snprintf(out, 33, "%016llx%016llx", fp_mix(fh.h[0]), fp_mix(fh.h[1]));
    ct_source_cache_free(own);
    return rc;
}

struct fp_order {
    const char *fp;
    size_t index;
};

static int cmp_fp_order(const void *pa, const void *pb)
{
    const struct fp_order *a = pa, *b = pb;
    int c = strcmp(a->fp, b->fp);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

int ct_report_fingerprints(const struct ct_report *report, struct ct_source_cache *src,
                           char (*out)[40])
{
    struct ct_source_cache *own = NULL;
    struct fp_order *order = NULL;
    int rc = 0;

    if (report->nfindings == 0)
        return 0;
    if (!src && !(src = own = ct_source_cache_new()))
        return CT_ENOMEM;
    order = calloc(report->nfindings, sizeof(*order));
    if (!order) {
        rc = CT_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < report->nfindings; i++) {
        if ((rc = ct_finding_fingerprint(&report->findings[i], src, out[i])) != 0)
            goto out;
        order[i].fp = out[i];
        order[i].index = i;
    }
    /* Equal fingerprints: the first (in report order) keeps its own, the k-th gets ":k". The
     * fingerprints are all 32 characters, so appending to one never changes another's order. */
    qsort(order, report->nfindings, sizeof(*order), cmp_fp_order);
    for (size_t i = 1, k = 1; i < report->nfindings; i++) {
        if (strncmp(order[i].fp, order[i - 1].fp, 32) != 0) {
            k = 1;
            continue;
        }
        k++;
        snprintf(out[order[i].index] + 32, 40 - 32, ":%zu", k);
    }
out:
    free(order);
    ct_source_cache_free(own);
    return rc;
}
