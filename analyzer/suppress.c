/* suppress.c - clang-tidy-style suppression comments. Reads the sources that findings are in and
 * the inputs, finds NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/NOLINTEND in their comments with a
 * small lexer (string, character and raw string literals skipped), drops the findings those
 * comments cover, and reports as unused-suppression every comment for a crosstask rule that
 * covers nothing or whose BEGIN/END has no partner.
 *
 * The list semantics follow clang-tidy's NoLintDirectiveHandler: entries are trimmed, '*' is the
 * only wildcard, negative entries ("-rule") are ignored, a list without its ')' on the same line
 * counts as no list, and an END closes the innermost open BEGIN only when both lists are equal.
 *
 * Must never print, exit or fail on a file it cannot read (it skips it); it only reads files and
 * edits the report it is given.
 */
#if !defined(_GNU_SOURCE) && !defined(_XOPEN_SOURCE)
#define _XOPEN_SOURCE 700 /* realpath, strdup */
#endif

#include "suppress.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum nolint_kind { NOLINT_LINE, NOLINT_NEXTLINE, NOLINT_BEGIN, NOLINT_END };

static const char *const kind_names[] = {"NOLINT", "NOLINTNEXTLINE", "NOLINTBEGIN", "NOLINTEND"};

/* One NOLINT word found in a comment. */
struct directive {
    enum nolint_kind kind;
    unsigned line, col;  /* of the N of NOLINT, 1-based */
    char *checks;        /* the list, entries trimmed and joined by ','; NULL: none (every rule) */
    unsigned first;      /* first line covered */
    unsigned last;       /* last line covered; first > last when it covers none */
    unsigned end_line;   /* a NOLINTBEGIN that opened a block: the line of its NOLINTEND */
    size_t innermost;    /* an unmatched NOLINTEND: 1 + index of the innermost open BEGIN, or 0 */
    bool ours;           /* the list names a crosstask rule */
    bool paired;         /* a NOLINTEND that closed a block (its BEGIN stands for the block) */
    bool unmatched;      /* a NOLINTBEGIN or NOLINTEND without a partner */
    bool used;           /* covered a finding it suppresses */
    bool quieted;        /* covered an unused-suppression report it suppresses */
    bool noqa;           /* written `# noqa: ...` (Python), not NOLINT */
};

/* One source file, however many spellings reach it. */
struct source {
    const char *name;        /* the spelling reports use; borrowed from a finding or the inputs */
    struct directive *dirs;  /* in file order; owned */
    size_t ndirs, capdirs;
};

/* One spelling of a file path. */
struct alias {
    const char *path;   /* borrowed */
    char *key;          /* realpath(path), or a copy of path when it cannot be resolved; owned */
    bool from_finding;  /* some finding is located under this spelling */
    size_t source;      /* index into the sources */
};

struct state {
    struct ct_report *report;
    struct alias *aliases;  /* sorted by path, unique */
    size_t naliases, capaliases;
    struct source *sources;
    size_t nsources;
    const char *self_name;  /* "unused-suppression" */
    struct ct_finding *added;  /* the unused-suppression findings, before they join the report */
    size_t nadded, capadded;
};

/* --- small helpers ----------------------------------------------------------------------- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A character of an identifier (or of a pp-number): letters, digits, '_', '$', non-ASCII. */
static bool is_ident(char c)
{
    return is_alpha(c) || is_digit(c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* Returns a new printf-formatted string (free with free()), or NULL when out of memory. */
static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *format(const char *fmt, ...)
{
    va_list ap;
    int n;
    char *s;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    s = malloc((size_t)n + 1);
    if (!s)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* Whether NAME matches GLOB, whose only wildcard is '*' (any run of characters). */
static bool glob_match(const char *glob, size_t glen, const char *name)
{
    size_t g = 0, star = SIZE_MAX;
    const char *n = name, *resume = NULL;

    while (*n) {
        if (g < glen && glob[g] == '*') {
            star = ++g;
            resume = n;
        } else if (g < glen && glob[g] == *n) {
            g++;
            n++;
        } else if (star != SIZE_MAX) {
            g = star;
            n = ++resume;
        } else {
            return false;
        }
    }
    while (g < glen && glob[g] == '*')
        g++;
    return g == glen;
}

/* Walks the entries of a normalised list: *AT is where the next entry starts (start at 0);
 * sets *ENTRY and *LEN to it and moves *AT on. Returns false after the last entry. */
static bool next_entry(const char *checks, size_t *at, const char **entry, size_t *len)
{
    const char *start, *comma;

    if (*at == SIZE_MAX)
        return false;
    start = checks + *at;
    comma = strchr(start, ',');
    *entry = start;
    if (comma) {
        *len = (size_t)(comma - start);
        *at += *len + 1;
    } else {
        *len = strlen(start);
        *at = SIZE_MAX;
    }
    return true;
}

/* Whether a list entry (ENTRY, LEN) matches the diagnostic NAME. Negative entries never do. */
static bool entry_matches(const char *entry, size_t len, const char *name)
{
    return len > 0 && entry[0] != '-' && glob_match(entry, len, name);
}

/* Whether the entry names a crosstask rule: it matches some diagnostic, and is not a lone '*'
 * (which, like a bare NOLINT, is as likely meant for clang-tidy). */
static bool entry_is_ours(const char *entry, size_t len)
{
    if (len == 1 && entry[0] == '*')
        return false;
    for (int i = 0; i < CT_DIAG_COUNT; i++) {
        if (entry_matches(entry, len, ct_diag_info((enum ct_diag)i)->name))
            return true;
    }
    return false;
}

/* Whether directive D suppresses the diagnostic NAME (wherever it applies). */
static bool suppresses(const struct directive *d, const char *name)
{
    const char *entry;
    size_t at = 0, len;

    if (!d->checks)
        return true;
    while (next_entry(d->checks, &at, &entry, &len)) {
        if (entry_matches(entry, len, name))
            return true;
    }
    return false;
}

static bool covers(const struct directive *d, unsigned line)
{
    return d->first <= line && line <= d->last;
}

/* --- reading a source -------------------------------------------------------------------- */

/* Reads the file at PATH into a new buffer (free with free()) and sets *LEN. NULL when it cannot
 * be read (*NOMEM tells whether memory ran out). */
static char *read_source(const char *path, size_t *len, bool *nomem)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL, *grown;
    size_t n = 0, cap = 0, got;

    *nomem = false;
    if (!f)
        return NULL;
    do {
        if (cap - n < 4096) {
            if (cap > SIZE_MAX / 2)
                goto nomem;
            cap = cap ? cap * 2 : 16384;
            grown = realloc(buf, cap);
            if (!grown)
                goto nomem;
            buf = grown;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    if (ferror(f))
        goto fail;
    fclose(f);
    *len = n;
    return buf;
nomem:
    *nomem = true;
fail:
    fclose(f);
    free(buf);
    return NULL;
}

/* --- finding the NOLINT words ------------------------------------------------------------ */

/* The list between '(' and ')' (TEXT, LEN): entries trimmed of blanks, joined by ','. Returns a
 * new string, or NULL when out of memory. */
static char *normalise_checks(const char *text, size_t len)
{
    char *out = malloc(len + 1);
    size_t n = 0, i = 0;

    if (!out)
        return NULL;
    for (;;) {
        size_t start = i, end;
        while (i < len && text[i] != ',')
            i++;
        end = i;
        while (start < end && is_space(text[start]))
            start++;
        while (end > start && is_space(text[end - 1]))
            end--;
        memcpy(out + n, text + start, end - start);
        n += end - start;
        if (i >= len)
            break;
        out[n++] = ',';
        i++;
    }
    out[n] = '\0';
    return out;
}

static bool list_is_ours(const char *checks)
{
    const char *entry;
    size_t at = 0, len;

    if (!checks)
        return false;
    while (next_entry(checks, &at, &entry, &len)) {
        if (entry_is_ours(entry, len))
            return true;
    }
    return false;
}

static int add_directive(struct source *src, enum nolint_kind kind, unsigned line, unsigned col,
                         const char *list, size_t list_len)
{
    struct directive *d;
    char *checks = NULL;

    if (list && !(checks = normalise_checks(list, list_len)))
        return CT_ENOMEM;
    d = CT_PUSH(src->dirs, src->ndirs, src->capdirs);
    if (!d) {
        free(checks);
        return CT_ENOMEM;
    }
    d->kind = kind;
    d->line = line;
    d->col = col;
    d->checks = checks;
    d->ours = list_is_ours(checks);
    d->first = 1; /* covers nothing until it is known to */
    d->last = 0;
    if (kind == NOLINT_LINE) {
        d->first = d->last = line;
    } else if (kind == NOLINT_NEXTLINE && line < UINT_MAX) {
        d->first = d->last = line + 1;
    }
    return 0;
}

/* Records every NOLINT word in the comment text S[A, B), whose first character is on LINE,
 * which starts at offset BOL of the buffer S. */
static int scan_comment(struct source *src, const char *s, size_t a, size_t b, unsigned line,
                        size_t bol)
{
    for (size_t p = a; p < b;) {
        size_t q, r, list_at = 0, list_len = 0;
        enum nolint_kind kind;
        bool has_list = false;
        int rc;

        if (s[p] == '\n') {
            line++;
            bol = ++p;
            continue;
        }
        if (b - p < 6 || memcmp(s + p, "NOLINT", 6) != 0 || (p > a && is_ident(s[p - 1]))) {
            p++;
            continue;
        }
        for (q = p + 6; q < b && is_alpha(s[q]); q++)
            ;
        if (q - p == 6)
            kind = NOLINT_LINE;
        else if (q - p == 14 && memcmp(s + p + 6, "NEXTLINE", 8) == 0)
            kind = NOLINT_NEXTLINE;
        else if (q - p == 11 && memcmp(s + p + 6, "BEGIN", 5) == 0)
            kind = NOLINT_BEGIN;
        else if (q - p == 9 && memcmp(s + p + 6, "END", 3) == 0)
            kind = NOLINT_END;
        else {
            p = q; /* NOLINTFOO: not ours to read */
            continue;
        }
        if (q < b && s[q] == '(') {
            for (r = q + 1; r < b && s[r] != '\n' && s[r] != ')'; r++)
                ;
            if (r < b && s[r] == ')') { /* without its ')' on the line, no list at all */
                has_list = true;
                list_at = q + 1;
                list_len = r - list_at;
                q = r + 1;
            }
        }
        rc = add_directive(src, kind, line, (unsigned)(p - bol + 1),
                           has_list ? s + list_at : NULL, list_len);
        if (rc != 0)
            return rc;
        p = q;
    }
    return 0;
}

/* Records a ruff/flake8-style `noqa` in the Python comment text S[A, B) on LINE (BOL: the
 * offset its line begins at): `# noqa: cross-task-exit` (codes separated by commas or blanks)
 * is a NOLINT(cross-task-exit) for that line; a bare `# noqa` covers every rule. */
static int scan_noqa(struct source *src, const char *s, size_t a, size_t b, unsigned line,
                     size_t bol)
{
    for (size_t p = a; p + 4 <= b; p++) { /* S[A - 1] is the comment's '#' */
        if ((s[p] | 0x20) != 'n' || (s[p + 1] | 0x20) != 'o' || (s[p + 2] | 0x20) != 'q' ||
            (s[p + 3] | 0x20) != 'a' || (p > a && is_ident(s[p - 1])) ||
            (p + 4 < b && is_ident(s[p + 4])))
            continue;
        size_t k = p;
        while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
            k--;
        if (k == 0 || s[k - 1] != '#') /* `# noqa`, `#noqa`: not the word in prose */
            continue;
        size_t q = p + 4;
        char list[512];
        size_t n = 0;
        bool has_list = false;
        if (q < b && s[q] == ':') {
            /* codes (a digit or a hyphen in each: E501, cross-task-exit) up to the first word
             * that is not one: `# noqa: cross-task-exit -- why` */
            has_list = true;
            for (q++; q < b;) {
                while (q < b && (s[q] == ' ' || s[q] == '\t' || s[q] == ','))
                    q++;
                size_t w = q;
                bool code = false;
                while (q < b && (is_ident(s[q]) || s[q] == '-')) {
                    code = code || s[q] == '-' || (s[q] >= '0' && s[q] <= '9');
                    q++;
                }
                if (q == w || !code || !is_ident(s[w]) || n + (q - w) + 2 > sizeof(list))
                    break;
                if (n)
                    list[n++] = ',';
                memcpy(list + n, s + w, q - w);
                n += q - w;
            }
        }
        int rc = add_directive(src, NOLINT_LINE, line, (unsigned)(p - bol + 1),
                               has_list ? list : NULL, n);
        if (rc == 0)
            src->dirs[src->ndirs - 1].noqa = true;
        return rc;
    }
    return 0;
}

/* The lexer's position: offset, line, and the offset where the line begins. */
struct lexer {
    const char *s;
    size_t n, i;
    unsigned line;
    size_t bol;
};

static void lex_newline(struct lexer *lx, size_t at)
{
    lx->line++;
    lx->bol = at + 1;
}

/* Whether the newline at S[J] is spliced away by a backslash before it (or before "\r"). */
static bool is_spliced(const char *s, size_t from, size_t j)
{
    if (j > from && s[j - 1] == '\r')
        j--;
    return j > from && s[j - 1] == '\\';
}

/* A string or character literal starting at the quote lx->i: skips to past its closing quote,
 * or to the end of the line when it is not closed there (as a stray apostrophe in #error text
 * is not). */
static void lex_quoted(struct lexer *lx)
{
    const char *s = lx->s;
    char quote = s[lx->i];
    size_t j = lx->i + 1;

    while (j < lx->n) {
        if (s[j] == '\\' && j + 1 < lx->n) {
            if (s[j + 1] == '\n')
                lex_newline(lx, j + 1);
            else if (s[j + 1] == '\r' && j + 2 < lx->n && s[j + 2] == '\n') {
                lex_newline(lx, j + 2);
                j++;
            }
            j += 2;
            continue;
        }
        if (s[j] == quote) {
            j++;
            break;
        }
        if (s[j] == '\n')
            break; /* unterminated: the newline is the main loop's */
        j++;
    }
    lx->i = j;
}

/* A raw string literal R"delim( ... )delim" whose '"' is at lx->i. Returns false (and moves
 * nothing) when no valid delimiter follows, so the caller lexes an ordinary string. */
static bool lex_raw(struct lexer *lx)
{
    const char *s = lx->s;
    size_t d = lx->i + 1, dlen, j;

    for (dlen = 0; d + dlen < lx->n && s[d + dlen] != '('; dlen++) {
        char c = s[d + dlen];
        if (dlen == 16 || c == ' ' || c == ')' || c == '\\' || c == '"' || is_space(c))
            return false;
    }
    if (d + dlen >= lx->n)
        return false;
    for (j = d + dlen + 1; j < lx->n; j++) {
        if (s[j] == '\n') {
            lex_newline(lx, j);
        } else if (s[j] == ')' && lx->n - j > dlen + 1 && memcmp(s + j + 1, s + d, dlen) == 0 &&
                   s[j + 1 + dlen] == '"') {
            lx->i = j + dlen + 2;
            return true;
        }
    }
    lx->i = lx->n;
    return true;
}

/* Whether the identifier S[A, B) is a raw string prefix: R, LR, uR, UR or u8R. */
static bool is_raw_prefix(const char *s, size_t a, size_t b)
{
    static const char *const prefixes[] = {"R", "LR", "uR", "UR", "u8R"};

    for (size_t k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++) {
        size_t len = strlen(prefixes[k]);
        if (b - a == len && memcmp(s + a, prefixes[k], len) == 0)
            return true;
    }
    return false;
}

/* A pp-number at lx->i: digits, letters, '.', exponent signs and digit separators (1'000). */
static void lex_number(struct lexer *lx)
{
    const char *s = lx->s;
    size_t j = lx->i + 1;

    while (j < lx->n) {
        char c = s[j];
        if ((c == 'e' || c == 'E' || c == 'p' || c == 'P') && j + 1 < lx->n &&
            (s[j + 1] == '+' || s[j + 1] == '-'))
            j += 2;
        else if (is_ident(c) || c == '.')
            j++;
        else if (c == '\'' && j + 1 < lx->n && is_ident(s[j + 1]))
            j += 2;
        else
            break;
    }
    lx->i = j;
}

/* Finds every NOLINT word in the comments of the buffer S (N bytes) into SRC; PYTHON: the
 * buffer is Python (`#` comments, triple-quoted strings, `noqa`). */
static int scan_source(struct source *src, const char *s, size_t n, bool python)
{
    struct lexer lx = {s, n, 0, 1, 0};
    int rc;

    while (lx.i < n) {
        size_t i = lx.i, start_bol = lx.bol, j;
        unsigned start_line = lx.line;
        char c = s[i];

        if (c == '\n') {
            lex_newline(&lx, i);
            lx.i++;
        } else if (python && c == '#') {
            for (j = i + 1; j < n && s[j] != '\n'; j++)
                ;
            if ((rc = scan_comment(src, s, i + 1, j, start_line, start_bol)) != 0 ||
                (rc = scan_noqa(src, s, i + 1, j, start_line, start_bol)) != 0)
                return rc;
            lx.i = j;
        } else if (python && (c == '"' || c == '\'') && i + 2 < n && s[i + 1] == c &&
                   s[i + 2] == c) {
            /* a triple-quoted string: to its closing triple quote */
            for (j = i + 3; j < n && !(s[j] == c && j + 2 < n && s[j + 1] == c && s[j + 2] == c);
                 j++) {
                if (s[j] == '\\' && j + 1 < n) {
                    if (s[j + 1] == '\n')
                        lex_newline(&lx, j + 1);
                    j++;
                } else if (s[j] == '\n') {
                    lex_newline(&lx, j);
                }
            }
            lx.i = j + 3 < n ? j + 3 : n;
        } else if (python && c == '/') {
            lx.i++;
        } else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
            for (j = i + 2; j < n; j++) { /* to the newline, unless a backslash splices it */
                if (s[j] == '\n') {
                    if (!is_spliced(s, i + 2, j))
                        break;
                    lex_newline(&lx, j);
                }
            }
            if ((rc = scan_comment(src, s, i + 2, j, start_line, start_bol)) != 0)
                return rc;
            lx.i = j;
        } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
            for (j = i + 2; j < n && !(s[j] == '*' && j + 1 < n && s[j + 1] == '/'); j++) {
                if (s[j] == '\n')
                    lex_newline(&lx, j);
            }
            if ((rc = scan_comment(src, s, i + 2, j, start_line, start_bol)) != 0)
                return rc;
            lx.i = j < n ? j + 2 : n;
        } else if (c == '"' || c == '\'') {
            lex_quoted(&lx);
        } else if (is_digit(c) || (c == '.' && i + 1 < n && is_digit(s[i + 1]))) {
            lex_number(&lx);
        } else if (is_ident(c)) {
            for (j = i + 1; j < n && is_ident(s[j]); j++)
                ;
            lx.i = j;
            if (j < n && s[j] == '"' && is_raw_prefix(s, i, j))
                lex_raw(&lx); /* else the '"' starts an ordinary string next time round */
        } else {
            lx.i++;
        }
    }
    return 0;
}

static bool same_list(const struct directive *a, const struct directive *b)
{
    if (!a->checks || !b->checks)
        return !a->checks && !b->checks;
    return strcmp(a->checks, b->checks) == 0;
}

/* Pairs each NOLINTEND with the innermost open NOLINTBEGIN when their lists are equal (as
 * clang-tidy does); the BEGIN then covers its line through the END's. The rest are unmatched. */
static int form_blocks(struct source *src)
{
    size_t *stack = NULL, depth = 0, cap = 0, *slot;
    int rc = 0;

    for (size_t i = 0; i < src->ndirs; i++) {
        struct directive *d = &src->dirs[i];

        if (d->kind == NOLINT_BEGIN) {
            if (!(slot = CT_PUSH(stack, depth, cap))) {
                rc = CT_ENOMEM;
                goto done;
            }
            *slot = i;
        } else if (d->kind == NOLINT_END) {
            struct directive *open = depth ? &src->dirs[stack[depth - 1]] : NULL;
            if (open && same_list(open, d)) {
                open->first = open->line;
                open->last = d->line;
                open->end_line = d->line;
                d->paired = true;
                depth--;
            } else {
                d->unmatched = true;
                d->innermost = open ? stack[depth - 1] + 1 : 0;
            }
        }
    }
    for (size_t k = 0; k < depth; k++)
        src->dirs[stack[k]].unmatched = true;
done:
    free(stack);
    return rc;
}

/* --- which file a path names ------------------------------------------------------------- */

static int cmp_alias_path(const void *a, const void *b)
{
    const struct alias *x = a, *y = b;
    return strcmp(x->path, y->path);
}

/* Orders aliases (through pointers) by key, then spellings of findings first, then by
 * spelling: the first of each group of equal keys names the file. */
static int cmp_alias_key(const void *a, const void *b)
{
    const struct alias *x = *(const struct alias *const *)a;
    const struct alias *y = *(const struct alias *const *)b;
    int c = strcmp(x->key, y->key);

    if (c == 0)
        c = (int)y->from_finding - (int)x->from_finding;
    return c ? c : strcmp(x->path, y->path);
}

static int add_alias(struct state *st, const char *path, bool from_finding)
{
    struct alias *a;

    if (!path)
        return 0;
    if (!(a = CT_PUSH(st->aliases, st->naliases, st->capaliases)))
        return CT_ENOMEM;
    a->path = path;
    a->from_finding = from_finding;
    return 0;
}

/* Collects every spelling, merges duplicates, resolves each to its real path and makes one
 * source per real path. */
static int build_sources(struct state *st, const char *const *files, size_t nfiles)
{
    struct alias **order = NULL;
    size_t kept = 0;
    int rc = 0;

    for (size_t i = 0; i < st->report->nfindings; i++) {
        if ((rc = add_alias(st, st->report->findings[i].loc.file, true)) != 0)
            return rc;
    }
    for (size_t i = 0; i < nfiles; i++) {
        if ((rc = add_alias(st, files[i], false)) != 0)
            return rc;
    }
    if (st->naliases == 0)
        return 0;
    qsort(st->aliases, st->naliases, sizeof(*st->aliases), cmp_alias_path);
    for (size_t i = 0; i < st->naliases; i++) {
        if (kept > 0 && strcmp(st->aliases[kept - 1].path, st->aliases[i].path) == 0)
            st->aliases[kept - 1].from_finding |= st->aliases[i].from_finding;
        else
            st->aliases[kept++] = st->aliases[i];
    }
    st->naliases = kept;
    for (size_t i = 0; i < st->naliases; i++) {
        struct alias *a = &st->aliases[i];
        a->key = realpath(a->path, NULL);
        if (!a->key && !(a->key = strdup(a->path)))
            return CT_ENOMEM;
    }

    order = malloc(st->naliases * sizeof(*order));
    st->sources = calloc(st->naliases, sizeof(*st->sources));
    if (!order || !st->sources) {
        rc = CT_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < st->naliases; i++)
        order[i] = &st->aliases[i];
    qsort(order, st->naliases, sizeof(*order), cmp_alias_key);
    for (size_t k = 0; k < st->naliases; k++) {
        if (k == 0 || strcmp(order[k - 1]->key, order[k]->key) != 0)
            st->sources[st->nsources++].name = order[k]->path;
        order[k]->source = st->nsources - 1;
    }
done:
    free(order);
    return rc;
}

/* The source a finding's FILE is in, or NULL. */
static struct source *source_of(const struct state *st, const char *file)
{
    struct alias key = {.path = file};
    const struct alias *a;

    if (!file || st->naliases == 0)
        return NULL;
    a = bsearch(&key, st->aliases, st->naliases, sizeof(*st->aliases), cmp_alias_path);
    return a ? &st->sources[a->source] : NULL;
}

/* --- the unused-suppression reports ------------------------------------------------------ */

/* How directive D is written: NOLINT, NOLINT(list), ... Returns a new string or NULL. */
static char *spell(const struct directive *d)
{
    if (d->noqa)
        return d->checks ? format("noqa: %s", d->checks) : format("%s", "noqa");
    if (!d->checks)
        return format("%s", kind_names[d->kind]);
    return format("%s(%s)", kind_names[d->kind], d->checks);
}

/* The entries of D's list that name crosstask rules, joined by ", " (a new string or NULL);
 * *ALL tells whether every entry does. */
static char *our_entries(const struct directive *d, bool *all)
{
    size_t at = 0, len, n = 0;
    const char *entry;
    char *out = malloc(strlen(d->checks) * 2 + 1);

    *all = true;
    if (!out)
        return NULL;
    while (next_entry(d->checks, &at, &entry, &len)) {
        if (!entry_is_ours(entry, len)) {
            *all = false;
            continue;
        }
        if (n > 0) {
            memcpy(out + n, ", ", 2);
            n += 2;
        }
        memcpy(out + n, entry, len);
        n += len;
    }
    out[n] = '\0';
    return out;
}

/* The message of the report of directive D of SRC. Returns a new string or NULL. */
static char *unused_message(const struct source *src, const struct directive *d)
{
    char *spelled = spell(d), *entries = NULL, *msg = NULL, *remove = NULL;
    const char *both = d->kind == NOLINT_BEGIN ? "both" : "it";
    bool all;

    if (!spelled)
        return NULL;
    if (d->unmatched && d->kind == NOLINT_BEGIN) {
        msg = format("%s is unmatched: no NOLINTEND(%s) closes it, so it suppresses nothing",
                     spelled, d->checks);
    } else if (d->unmatched && d->innermost) {
        const struct directive *open = &src->dirs[d->innermost - 1];
        char *open_spelled = spell(open);
        if (open_spelled)
            msg = format("%s is unmatched: it does not close the innermost open %s at line %u",
                         spelled, open_spelled, open->line);
        free(open_spelled);
    } else if (d->unmatched) {
        msg = format("%s is unmatched: no NOLINTBEGIN(%s) before it is open", spelled,
                     d->checks);
    } else if ((entries = our_entries(d, &all)) != NULL) {
        remove = all ? format("remove %s", both) : format("remove %s from %s", entries, both);
        if (remove && d->kind == NOLINT_BEGIN)
            msg = format("%s suppresses nothing up to its NOLINTEND at line %u; %s", spelled,
                         d->end_line, remove);
        else if (remove)
            msg = format("%s suppresses %s; %s", spelled,
                         all ? "nothing" : "no crosstask finding", remove);
    }
    free(remove);
    free(entries);
    free(spelled);
    return msg;
}

static int add_unused(struct state *st, const struct source *src, const struct directive *d)
{
    struct ct_finding *f;
    const char *file = ct_intern(src->name);
    char *msg;

    if (!file || !(msg = unused_message(src, d)))
        return CT_ENOMEM;
    if (!(f = CT_PUSH(st->added, st->nadded, st->capadded))) {
        free(msg);
        return CT_ENOMEM;
    }
    f->diag = CT_DIAG_UNUSED_SUPPRESSION;
    f->message = msg;
    f->loc = (struct ct_loc){file, d->line, d->col};
    return 0;
}

/* Whether directive D is reported: it names a crosstask rule, and covered no finding or has no
 * partner. A NOLINTEND that closed a block is reported through its NOLINTBEGIN. */
static bool is_candidate(const struct directive *d)
{
    return d->ours && !d->paired && (d->unmatched || !d->used);
}

/* Marks each directive of SRC that keeps a report of a candidate quiet, and reports the rest. */
static int report_unused(struct state *st, struct source *src)
{
    bool *quiet = NULL;
    int rc = 0;

    if (src->ndirs == 0)
        return 0;
    if (!(quiet = calloc(src->ndirs, sizeof(*quiet))))
        return CT_ENOMEM;
    for (size_t i = 0; i < src->ndirs; i++) {
        if (!is_candidate(&src->dirs[i]))
            continue;
        for (size_t k = 0; k < src->ndirs; k++) {
            struct directive *e = &src->dirs[k];
            if (covers(e, src->dirs[i].line) && suppresses(e, st->self_name)) {
                e->quieted = true;
                quiet[i] = true;
            }
        }
    }
    /* A suppression that quieted a report is used, so it is not reported itself. */
    for (size_t i = 0; i < src->ndirs && rc == 0; i++) {
        const struct directive *d = &src->dirs[i];
        if (is_candidate(d) && !quiet[i] && !d->quieted)
            rc = add_unused(st, src, d);
    }
    free(quiet);
    return rc;
}

/* --- the whole pass ---------------------------------------------------------------------- */

static void finding_clear(struct ct_finding *f)
{
    free(f->message);
    free(f->resource);
    for (size_t i = 0; i < f->ntrace; i++)
        free(f->trace[i].message);
    free(f->trace);
}

static void state_fini(struct state *st)
{
    for (size_t i = 0; i < st->naliases; i++)
        free(st->aliases[i].key);
    free(st->aliases);
    for (size_t i = 0; i < st->nsources; i++) {
        for (size_t k = 0; k < st->sources[i].ndirs; k++)
            free(st->sources[i].dirs[k].checks);
        free(st->sources[i].dirs);
    }
    free(st->sources);
    for (size_t i = 0; i < st->nadded; i++)
        finding_clear(&st->added[i]);
    free(st->added);
}

static int read_all(struct state *st)
{
    for (size_t i = 0; i < st->nsources; i++) {
        size_t len = 0;
        bool nomem;
        char *text = read_source(st->sources[i].name, &len, &nomem);
        int rc;

        if (!text) {
            if (nomem)
                return CT_ENOMEM;
            continue; /* unreadable: skipped, its suppressions neither apply nor count */
        }
        size_t nl = strlen(st->sources[i].name);
        bool python = nl > 3 && strcmp(st->sources[i].name + nl - 3, ".py") == 0;
        rc = scan_source(&st->sources[i], text, len, python);
        free(text);
        if (rc == 0)
            rc = form_blocks(&st->sources[i]);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Marks the findings some directive covers in SUPPRESSED, and those directives used. */
static void match_findings(struct state *st, bool *suppressed)
{
    for (size_t i = 0; i < st->report->nfindings; i++) {
        const struct ct_finding *f = &st->report->findings[i];
        const struct ct_diag_info *info = ct_diag_info(f->diag);
        struct source *src = source_of(st, f->loc.file);

        if (!src || !info || f->loc.line == 0)
            continue;
        for (size_t k = 0; k < src->ndirs; k++) {
            struct directive *d = &src->dirs[k];
            if (covers(d, f->loc.line) && suppresses(d, info->name)) {
                d->used = true;
                suppressed[i] = true;
            }
        }
    }
}

int ct_suppress_apply(struct ct_report *report, const char *const *files, size_t nfiles,
                      struct ct_error *err)
{
    struct state st;
    bool *suppressed = NULL;
    size_t kept = 0;
    int rc;

    memset(&st, 0, sizeof(st));
    st.report = report;
    st.self_name = ct_diag_info(CT_DIAG_UNUSED_SUPPRESSION)->name;
    if ((rc = build_sources(&st, files, nfiles)) != 0 || (rc = read_all(&st)) != 0)
        goto done;
    if (report->nfindings > 0 && !(suppressed = calloc(report->nfindings, sizeof(*suppressed)))) {
        rc = CT_ENOMEM;
        goto done;
    }
    match_findings(&st, suppressed);
    for (size_t i = 0; i < st.nsources && rc == 0; i++)
        rc = report_unused(&st, &st.sources[i]);
    if (rc != 0)
        goto done;
    if (st.nadded > 0) {
        /* The only allocation that touches the report; nothing can fail after it. */
        struct ct_finding *grown;
        if (report->nfindings > SIZE_MAX / sizeof(*grown) - st.nadded) {
            rc = CT_ENOMEM;
            goto done;
        }
        grown = realloc(report->findings, (report->nfindings + st.nadded) * sizeof(*grown));
        if (!grown) {
            rc = CT_ENOMEM;
            goto done;
        }
        report->findings = grown;
    }
    for (size_t i = 0; i < report->nfindings; i++) {
        if (suppressed[i])
            finding_clear(&report->findings[i]);
        else
            report->findings[kept++] = report->findings[i];
    }
    if (st.nadded > 0)
        memcpy(report->findings + kept, st.added, st.nadded * sizeof(*st.added));
    report->nfindings = kept + st.nadded;
    st.nadded = 0; /* the report owns them now */
done:
    free(suppressed);
    state_fini(&st);
    if (rc != 0)
        ct_error_set(err, rc, NULL, 0, 0, "applying suppression comments: %s", ct_strerror(rc));
    return rc;
}
