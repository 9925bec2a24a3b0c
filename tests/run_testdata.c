/* run_testdata.c - runs crosstask on testdata files and holds each run to the expectations
 * written inline in the file, with clang -verify semantics. It knows the analyzer only through
 * its command line and its JSON report; it must never reach into the analyzer's internals
 * (it links with ct.o alone, for the array helpers).
 *
 * usage: run_testdata [-v] CROSSTASK PATH...
 *
 * A PATH that is a directory stands for every *.c, *.cpp and *.py file under it, recursively, in
 * sorted order (names starting with '.' are skipped); a PATH that is a file is run as it is.
 * In a .py file comments start with `#` instead of `//` and there are no compiler flags.
 * Header lines of a file (full-line comments, anywhere; repeated ones add up):
 *   // flags: -std=c11 -pthread   compiler flags after `--` (default: -std=c11 -pthread, or
 *                                 -std=c++20 -pthread for .cpp)
 *   // rules: posix c11           --no-default-rules -r rules/posix.json -r rules/c11.json
 *                                 (a name with a '/' or ending in .json is used as given)
 *   // pkg-config: glib-2.0       the output of `pkg-config --cflags glib-2.0` is added to the
 *                                 flags (after them), for programs built on a library's real
 *                                 headers; a package pkg-config does not know fails the file
 *   // args: --jobs 1             more crosstask options, before the file
 *   // exit: 3                    the expected exit status; default 3 when the file has an
 *                                 expect-error or allow-errors, else 1 when it has an expect,
 *                                 else 0
 *   // allow-errors               errors[] entries need no expect-error (needs exit 3)
 * Expectations, in a comment on the line they concern, or pointing at it with @+N, @-N or @N:
 *   // expect: RULE {{substring}}   a finding of RULE located on this line whose message
 *                                   contains the substring ({{...}} is optional)
 *   // expect-note: {{substring}}   a trace step of some finding on this line
 *   // expect-error: {{substring}}  an errors[] entry on this line
 *   // expect-fixme: RULE {{why}}   a known miss: RULE must not be reported on this line
 * Several expectations may share a comment. Findings and errors are matched one to one with
 * expect and expect-error (a maximum matching, so the order of expectations does not matter);
 * every finding must be expected, every expectation met, and the exit status must be the
 * expected one.
 *
 * Output (standard output): one line per failure, `FILE:LINE: what` in compiler format, then
 * exactly one line `N passed, M failed`. Exit status 0 iff M is 0, 2 on a usage error. When a
 * run fails unexpectedly (wrong exit status, a crash, a time-out, output that is not JSON) the
 * command and crosstask's standard error go to standard error. With -v, `PASS FILE` and
 * `FAIL FILE` lines too. Environment: CT_RULES_DIR (default "rules"), CT_TESTDATA_TIMEOUT
 * (seconds per file, default 120).
 */
#if !defined(_GNU_SOURCE) && !defined(_XOPEN_SOURCE)
#define _XOPEN_SOURCE 700 /* realpath, strsignal */
#endif

#include "ct.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_STDERR_LINES 40 /* of crosstask's standard error shown for a failed run */

/* ---- small helpers ---------------------------------------------------------------------- */

static void die_nomem(void)
{
    fputs("run_testdata: out of memory\n", stderr);
    exit(2);
}

/* Appends one zeroed element to (ARR, N, CAP) and points P at it; dies when out of memory. */
#define XPUSH(p, arr, n, cap)                                                                 \
    do {                                                                                      \
        if (!((p) = CT_PUSH(arr, n, cap)))                                                    \
            die_nomem();                                                                      \
    } while (0)

static char *xstrndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        die_nomem();
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

/* Returns a new string formatted as printf would; free with free(). */
static char *xvprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    int n;
    char *p;

    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        die_nomem();
    p = malloc((size_t)n + 1);
    if (!p)
        die_nomem();
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xprintf(const char *fmt, ...)
{
    va_list ap;
    char *p;

    va_start(ap, fmt);
    p = xvprintf(fmt, ap);
    va_end(ap);
    return p;
}

/* Appends " SUFFIX" (or SUFFIX alone when *S is NULL) to the heap string *S. */
static void append_words(char **s, const char *suffix)
{
    char *n = *s ? xprintf("%s %s", *s, suffix) : xstrdup(suffix);
    free(*s);
    *s = n;
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t ls = strlen(s), lx = strlen(suffix);
    return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

static const char *skip_blanks(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* A growable vector of heap strings, NULL-terminated once strv_terminate() is called. */
struct strv {
    char **v;   /* the strings, owned */
    size_t n;   /* number in use (the terminating NULL included once terminated) */
    size_t cap; /* allocated */
};

/* Appends S; takes ownership of S (which may be NULL: a terminator). */
static void strv_push(struct strv *sv, char *s)
{
    char **slot;
    XPUSH(slot, sv->v, sv->n, sv->cap);
    *slot = s;
}

static void strv_free(struct strv *sv)
{
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    free(sv->v);
    memset(sv, 0, sizeof(*sv));
}

static int cmp_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Splits S into words at blanks, as a shell would for simple cases: '...' quotes literally,
 * "..." quotes with backslash escapes, a backslash outside quotes escapes the next character.
 * Appends the words to OUT. Returns 0, or -1 when a quote is not closed. */
static int split_words(const char *s, struct strv *out)
{
    const char *p = s;

    for (;;) {
        size_t n = 0, cap = 0;
        char *w = NULL, *slot;
        bool any = false;

        while (isspace((unsigned char)*p))
            p++;
        if (!*p)
            return 0;
        while (*p && !isspace((unsigned char)*p)) {
            char c = *p++;
            any = true;
            if (c == '\'') {
                while (*p && *p != '\'') {
                    XPUSH(slot, w, n, cap);
                    *slot = *p++;
                }
                if (!*p)
                    goto unterminated;
                p++;
                continue;
            }
            if (c == '"') {
                while (*p && *p != '"') {
                    if (*p == '\\' && p[1])
                        p++;
                    XPUSH(slot, w, n, cap);
                    *slot = *p++;
                }
                if (!*p)
                    goto unterminated;
                p++;
                continue;
            }
            if (c == '\\' && *p)
                c = *p++;
            XPUSH(slot, w, n, cap);
            *slot = c;
        }
        if (any)
            strv_push(out, xstrndup(w ? w : "", n));
        free(w);
        continue;
unterminated:
        free(w);
        return -1;
    }
}

/* Reads the whole file at PATH into a new NUL-terminated buffer (free with free()); sets *LEN.
 * Returns NULL with errno set on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;

    if (!f)
        return NULL;
    for (;;) {
        if (cap - n < 4096) {
            cap = cap ? cap * 2 : 8192;
            char *nb = realloc(buf, cap);
            if (!nb)
                die_nomem();
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        int e = errno ? errno : EIO;
        fclose(f);
        free(buf);
        errno = e;
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* ---- one test file: headers, expectations, failures ------------------------------------ */

enum exp_kind { EXP_FINDING, EXP_NOTE, EXP_ERROR, EXP_FIXME };

struct expectation {
    enum exp_kind kind;
    unsigned line;      /* the line it concerns (1-based) */
    char *rule;         /* EXP_FINDING, EXP_FIXME: the rule id; NULL otherwise */
    char *text;         /* the {{...}} substring (for a fixme: why); NULL matches anything */
    long match;         /* index of the finding or error it matched, -1 when none */
};

struct failure {
    unsigned line;      /* sort key: the line concerned, UINT_MAX for the whole file */
    size_t seq;         /* order of recording, the second sort key */
    char *text;         /* the full line to print, without newline; owned */
};

struct test {
    const char *path;             /* as found or given; borrowed */
    char *real;                   /* realpath(path), or NULL */
    char *flags, *rules, *args;   /* header values, NULL when absent; owned */
    char *pkgconfig;              /* `pkg-config:` packages, NULL when absent; owned */
    bool exit_given;              /* an `exit:` header was seen */
    int exit_expected;            /* its value, then the effective expected status */
    bool allow_errors;            /* an `allow-errors` header was seen */
    struct expectation *exps;     /* every expectation, in file order */
    size_t nexps, capexps;
    struct failure *fails;        /* what went wrong */
    size_t nfails, capfails;
};

static void fail_vat(struct test *t, const char *file, unsigned line, const char *fmt,
                     va_list ap)
{
    struct failure *f;
    char *what = xvprintf(fmt, ap);

    XPUSH(f, t->fails, t->nfails, t->capfails);
    f->line = line ? line : UINT_MAX;
    f->seq = t->nfails;
    f->text = line ? xprintf("%s:%u: %s", file, line, what) : xprintf("%s: %s", file, what);
    free(what);
}

/* Records a failure about LINE of the test file (0: the file as a whole). */
static void fail(struct test *t, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(struct test *t, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fail_vat(t, t->path, line, fmt, ap);
    va_end(ap);
}

/* Records a failure about LINE of FILE (a finding reported in another file). */
static void fail_at(struct test *t, const char *file, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fail_at(struct test *t, const char *file, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fail_vat(t, file, line, fmt, ap);
    va_end(ap);
}

static int cmp_failures(const void *a, const void *b)
{
    const struct failure *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void test_fini(struct test *t)
{
    for (size_t i = 0; i < t->nexps; i++) {
        free(t->exps[i].rule);
        free(t->exps[i].text);
    }
    free(t->exps);
    for (size_t i = 0; i < t->nfails; i++)
        free(t->fails[i].text);
    free(t->fails);
    free(t->flags);
    free(t->rules);
    free(t->args);
    free(t->pkgconfig);
    free(t->real);
}

/* Where a comment starts in LINE (outside string and character literals), or NULL: `//` or
 * a block comment in C and C++, `#` in Python (HASH). */
static const char *comment_start(const char *line, bool hash)
{
    char quote = 0;

    for (const char *p = line; *p; p++) {
        if (quote) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == quote)
                quote = 0;
        } else if (*p == '"' || *p == '\'') {
            quote = *p;
        } else if (hash ? *p == '#' : (*p == '/' && (p[1] == '/' || p[1] == '*'))) {
            return p;
        }
    }
    return NULL;
}

static bool is_python(const char *path)
{
    return has_suffix(path, ".py");
}

/* Reads a header line (`// flags: ...` and the like) from LINE, a whole line of the file. */
static void parse_header(struct test *t, const char *line, unsigned lineno)
{
    const char *p = skip_blanks(line);
    size_t lead = is_python(t->path) ? 1 : 2;

    if (strncmp(p, is_python(t->path) ? "#" : "//", lead) != 0)
        return;
    p = skip_blanks(p + lead);
    if (strncmp(p, "flags:", 6) == 0) {
        append_words(&t->flags, skip_blanks(p + 6));
    } else if (strncmp(p, "rules:", 6) == 0) {
        append_words(&t->rules, skip_blanks(p + 6));
    } else if (strncmp(p, "args:", 5) == 0) {
        append_words(&t->args, skip_blanks(p + 5));
    } else if (strncmp(p, "pkg-config:", 11) == 0) {
        append_words(&t->pkgconfig, skip_blanks(p + 11));
    } else if (strncmp(p, "exit:", 5) == 0) {
        char *end;
        long v;
        errno = 0;
        v = strtol(p + 5, &end, 10);
        if (errno || end == p + 5 || *skip_blanks(end) || v < 0 || v > 255) {
            fail(t, lineno, "malformed header: exit: needs a status from 0 to 255");
            return;
        }
        t->exit_given = true;
        t->exit_expected = (int)v;
    } else if (strncmp(p, "allow-errors", 12) == 0 && (!p[12] || isspace((unsigned char)p[12]))) {
        t->allow_errors = true;
    }
}

/* Reads a `{{...}}` at *P (after blanks), if any: sets *TEXT to a new copy of what is inside
 * and moves *P past it. Returns 0, or -1 when the braces are not closed. */
static int parse_braces(const char **p, char **text)
{
    const char *q = skip_blanks(*p), *end;

    *text = NULL;
    if (strncmp(q, "{{", 2) != 0)
        return 0;
    end = strstr(q + 2, "}}");
    if (!end)
        return -1;
    *text = xstrndup(q + 2, (size_t)(end - q - 2));
    *p = end + 2;
    return 0;
}

static bool is_ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.';
}

/* Reads every expectation in the comment of LINE (line LINENO of NLINES). */
static void parse_expectations(struct test *t, const char *line, unsigned lineno,
                               unsigned nlines)
{
    const char *c = comment_start(line, is_python(t->path)), *p;

    if (!c)
        return;
    for (p = c; (p = strstr(p, "expect")) != NULL;) {
        enum exp_kind kind = EXP_FINDING;
        const char *q = p + 6;
        long target = (long)lineno;
        bool at = false;
        char *rule = NULL, *text = NULL;
        struct expectation *x;

        if (p > c && (is_ident_char(p[-1]) || p[-1] == '@')) {
            p = q;
            continue;
        }
        if (strncmp(q, "-note", 5) == 0) {
            kind = EXP_NOTE;
            q += 5;
        } else if (strncmp(q, "-error", 6) == 0) {
            kind = EXP_ERROR;
            q += 6;
        } else if (strncmp(q, "-fixme", 6) == 0) {
            kind = EXP_FIXME;
            q += 6;
        }
        if (*q == '@') {
            int sign = 0;
            char *end;
            long n;
            at = true;
            q++;
            if (*q == '+' || *q == '-')
                sign = *q++ == '+' ? 1 : -1;
            if (!isdigit((unsigned char)*q)) {
                fail(t, lineno, "malformed expectation: a line number must follow '@'");
                p = q;
                continue;
            }
            errno = 0;
            n = strtol(q, &end, 10);
            q = end;
            if (errno)
                n = LONG_MAX / 2;
            target = sign ? (long)lineno + sign * n : n;
        }
        if (*q != ':') {
            /* prose such as "expected" or "expectation"; but expect@N must be a directive */
            if (at)
                fail(t, lineno, "malformed expectation: ':' must follow the line number");
            p = q;
            continue;
        }
        q++;
        if (kind == EXP_FINDING || kind == EXP_FIXME) {
            const char *r = skip_blanks(q);
            q = r;
            while (is_ident_char(*q))
                q++;
            if (q == r) {
                fail(t, lineno, "malformed expectation: %s needs a rule id",
                     kind == EXP_FIXME ? "expect-fixme" : "expect");
                p = q;
                continue;
            }
            rule = xstrndup(r, (size_t)(q - r));
        }
        if (parse_braces(&q, &text) != 0) {
            fail(t, lineno, "malformed expectation: '{{' without '}}'");
            free(rule);
            return;
        }
        p = q;
        if (target < 1 || target > (long)nlines) {
            fail(t, lineno, "malformed expectation: it refers to line %ld, outside the file",
                 target);
            free(rule);
            free(text);
            continue;
        }
        XPUSH(x, t->exps, t->nexps, t->capexps);
        x->kind = kind;
        x->line = (unsigned)target;
        x->rule = rule;
        x->text = text;
        x->match = -1;
    }
}

/* Reads the headers and expectations of the NUL-terminated source SRC. */
static void parse_source(struct test *t, char *src)
{
    unsigned nlines = 0, lineno = 0;
    char *p, *nl;

    for (p = src; *p; p = nl + 1) {
        nlines++;
        nl = strchr(p, '\n');
        if (!nl)
            break;
    }
    for (p = src; *p; p = nl + 1) {
        size_t len;
        lineno++;
        nl = strchr(p, '\n');
        len = nl ? (size_t)(nl - p) : strlen(p);
        if (len && p[len - 1] == '\r')
            len--;
        char *line = xstrndup(p, len);
        parse_header(t, line, lineno);
        parse_expectations(t, line, lineno, nlines);
        free(line);
        if (!nl)
            break;
    }
}

/* ---- running crosstask ------------------------------------------------------------------ */

struct run {
    char *out;          /* standard output, NUL-terminated; owned */
    size_t outlen;
    char *err;          /* standard error, NUL-terminated; owned */
    int status;         /* exit status, or -1 when it did not exit normally */
    int signal;         /* the signal that ended it, or 0 */
    bool timed_out;     /* killed after the time limit */
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs ARGV (NULL-terminated; ARGV[0] looked up as execvp does) with standard input from
 * /dev/null, capturing standard output and standard error into R, killing it after TIMEOUT
 * seconds. Returns 0, or -1 with errno set when it could not be started at all. */
static int run_command(char *const argv[], double timeout, struct run *r)
{
    int pfd[2] = {-1, -1}, st = 0, e;
    FILE *errf;
    pid_t pid;
    size_t cap = 0;
    double deadline;
    long errlen;

    memset(r, 0, sizeof(*r));
    r->status = -1;
    errf = tmpfile();
    if (!errf)
        return -1;
    if (pipe(pfd) != 0)
        goto fail;
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0)
        goto fail;
    if (pid == 0) {
        int null = open("/dev/null", O_RDONLY);
        if (null >= 0)
            dup2(null, 0);
        dup2(pfd[1], 1);
        dup2(fileno(errf), 2);
        close(pfd[0]);
        close(pfd[1]);
        execvp(argv[0], argv);
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(pfd[1]);
    pfd[1] = -1;
    deadline = now_seconds() + timeout;
    for (;;) {
        struct pollfd pf = {.fd = pfd[0], .events = POLLIN};
        double left = deadline - now_seconds();
        int rc;
        if (left <= 0) {
            kill(pid, SIGKILL);
            r->timed_out = true;
            break;
        }
        rc = poll(&pf, 1, left > 1e6 ? 1000000000 : (int)(left * 1000) + 1);
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc < 0)
            break;
        if (rc == 0)
            continue;
        if (cap - r->outlen < 4096) {
            cap = cap ? cap * 2 : 65536;
            char *nb = realloc(r->out, cap);
            if (!nb)
                die_nomem();
            r->out = nb;
        }
        ssize_t got = read(pfd[0], r->out + r->outlen, cap - r->outlen - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        r->outlen += (size_t)got;
    }
    close(pfd[0]);
    pfd[0] = -1;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(st))
        r->status = WEXITSTATUS(st);
    else if (WIFSIGNALED(st))
        r->signal = WTERMSIG(st);
    if (!r->out) {
        r->out = malloc(1);
        if (!r->out)
            die_nomem();
    }
    r->out[r->outlen] = '\0';

    fflush(errf);
    errlen = fseek(errf, 0, SEEK_END) == 0 ? ftell(errf) : -1;
    rewind(errf);
    r->err = malloc(errlen > 0 ? (size_t)errlen + 1 : 1);
    if (!r->err)
        die_nomem();
    errlen = errlen > 0 ? (long)fread(r->err, 1, (size_t)errlen, errf) : 0;
    r->err[errlen] = '\0';
    fclose(errf);
    return 0;

fail:
    e = errno;
    if (pfd[0] >= 0)
        close(pfd[0]);
    if (pfd[1] >= 0)
        close(pfd[1]);
    fclose(errf);
    errno = e;
    return -1;
}

static void run_fini(struct run *r)
{
    free(r->out);
    free(r->err);
}

/* Appends to ARGV the compiler flags `pkg-config --cflags` gives for T's `pkg-config:`
 * packages. Returns 0, or -1 with a failure recorded. */
static int pkg_config_cflags(struct test *t, struct strv *argv)
{
    char out[4096];
    size_t n = 0;
    int status;
    FILE *f;
    char *cmd;

    for (const char *p = t->pkgconfig; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr(" ._+-", *p)) {
            fail(t, 0, "malformed header: pkg-config: takes package names only");
            return -1;
        }
    cmd = xprintf("pkg-config --cflags %s 2>/dev/null", t->pkgconfig);
    f = popen(cmd, "r");
    free(cmd);
    if (!f) {
        fail(t, 0, "pkg-config: cannot run pkg-config");
        return -1;
    }
    n = fread(out, 1, sizeof(out) - 1, f);
    out[n] = '\0';
    status = pclose(f);
    if (status != 0 || n == sizeof(out) - 1) {
        fail(t, 0, "pkg-config: no flags for '%s' (is its -dev package installed? make deps)",
             t->pkgconfig);
        return -1;
    }
    if (split_words(out, argv) != 0) {
        fail(t, 0, "pkg-config: flags for '%s' do not split into words", t->pkgconfig);
        return -1;
    }
    return 0;
}

/* Builds the crosstask command line for T into ARGV (NULL-terminated). Returns 0, or -1 (with
 * a failure recorded) when a header does not split into words. */
static int build_argv(struct test *t, const char *crosstask, struct strv *argv)
{
    struct strv words = {0};
    const char *rules_dir = getenv("CT_RULES_DIR");
    const char *flags = t->flags;

    if (!rules_dir || !*rules_dir)
        rules_dir = "rules";
    strv_push(argv, xstrdup(crosstask));
    strv_push(argv, xstrdup("-f"));
    strv_push(argv, xstrdup("json"));
    if (t->rules) {
        if (split_words(t->rules, &words) != 0) {
            fail(t, 0, "malformed header: rules: has an unclosed quote");
            goto fail;
        }
        strv_push(argv, xstrdup("--no-default-rules"));
        for (size_t i = 0; i < words.n; i++) {
            const char *w = words.v[i];
            strv_push(argv, xstrdup("-r"));
            if (strchr(w, '/') || has_suffix(w, ".json"))
                strv_push(argv, xstrdup(w));
            else
                strv_push(argv, xprintf("%s/%s.json", rules_dir, w));
        }
        strv_free(&words);
    }
    if (t->args && split_words(t->args, argv) != 0) {
        fail(t, 0, "malformed header: args: has an unclosed quote");
        goto fail;
    }
    strv_push(argv, xstrdup(t->path));
    if (is_python(t->path)) { /* no compiler flags */
        strv_push(argv, NULL);
        return 0;
    }
    strv_push(argv, xstrdup("--"));
    if (!flags)
        flags = has_suffix(t->path, ".cpp") ? "-std=c++20 -pthread" : "-std=c11 -pthread";
    if (split_words(flags, argv) != 0) {
        fail(t, 0, "malformed header: flags: has an unclosed quote");
        goto fail;
    }
    if (t->pkgconfig && pkg_config_cflags(t, argv) != 0)
        goto fail;
    strv_push(argv, NULL);
    return 0;
fail:
    strv_free(&words);
    return -1;
}

/* Prints ARGV to standard error as a shell command. */
static void print_command(FILE *f, char *const argv[])
{
    for (size_t i = 0; argv[i]; i++) {
        const char *a = argv[i];
        bool plain = *a != '\0';
        for (const char *p = a; *p; p++)
            if (!isalnum((unsigned char)*p) && !strchr("-_./=+,:@%", *p))
                plain = false;
        fputs(i ? " " : "", f);
        if (plain) {
            fputs(a, f);
        } else {
            fputc('\'', f);
            for (const char *p = a; *p; p++) {
                if (*p == '\'')
                    fputs("'\\''", f);
                else
                    fputc(*p, f);
            }
            fputc('\'', f);
        }
    }
    fputc('\n', f);
}

/* ---- the report and the matching -------------------------------------------------------- */

struct finding {
    const char *rule, *message, *file; /* borrowed from the JSON tree; never NULL */
    unsigned line;                     /* 0 when absent */
    bool here;                         /* located in the test file */
};

struct step {
    const char *message;               /* borrowed; never NULL */
    unsigned line;
    bool here;
};

struct error_entry {
    const char *message, *file;        /* borrowed; never NULL */
    unsigned line;
    bool here;
};

static const char *json_string(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

static unsigned json_line(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsNumber(v) || v->valuedouble < 1 || v->valuedouble > UINT_MAX)
        return 0;
    return (unsigned)v->valuedouble;
}

/* Whether FILE (as a report names it) is the test file. */
static bool is_test_file(const struct test *t, const char *file)
{
    char *real;
    bool same;

    if (strcmp(file, t->path) == 0)
        return true;
    if (!t->real)
        return false;
    real = realpath(file, NULL);
    same = real && strcmp(real, t->real) == 0;
    free(real);
    return same;
}

/* What the matching works on: expectations of one kind against findings or errors. */
struct matching {
    struct test *t;
    enum exp_kind kind;                 /* EXP_FINDING or EXP_ERROR */
    const struct finding *findings;     /* when kind is EXP_FINDING */
    const struct error_entry *errors;   /* when kind is EXP_ERROR */
    size_t nitems;
    long *owner;                        /* per item: the expectation matched to it, or -1 */
    bool *seen;                         /* per item: visited in this augmenting search */
};

static bool compatible(const struct matching *m, const struct expectation *x, size_t i)
{
    if (m->kind == EXP_FINDING) {
        const struct finding *f = &m->findings[i];
        return f->here && f->line == x->line && strcmp(f->rule, x->rule) == 0 &&
               (!x->text || strstr(f->message, x->text));
    }
    const struct error_entry *e = &m->errors[i];
    return e->here && e->line == x->line && (!x->text || strstr(e->message, x->text));
}

/* Kuhn's augmenting path from expectation XI; returns whether XI got matched. */
static bool augment(struct matching *m, size_t xi)
{
    for (size_t i = 0; i < m->nitems; i++) {
        if (m->seen[i] || !compatible(m, &m->t->exps[xi], i))
            continue;
        m->seen[i] = true;
        if (m->owner[i] < 0 || augment(m, (size_t)m->owner[i])) {
            m->owner[i] = (long)xi;
            m->t->exps[xi].match = (long)i;
            return true;
        }
    }
    return false;
}

/* Matches every expectation of M->kind to a distinct compatible item, as many as possible. */
static void match_all(struct matching *m)
{
    for (size_t i = 0; i < m->nitems; i++)
        m->owner[i] = -1;
    for (size_t xi = 0; xi < m->t->nexps; xi++) {
        if (m->t->exps[xi].kind != m->kind)
            continue;
        memset(m->seen, 0, m->nitems * sizeof(*m->seen));
        augment(m, xi);
    }
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* Writes " {{TEXT}}" or nothing into a new string. */
static char *braces(const char *text)
{
    return text ? xprintf(" {{%s}}", text) : xstrdup("");
}

/* Checks the JSON report OUT of T's run against T's expectations. Returns false when OUT is
 * not a usable report (the failure is recorded). */
/* Scope kinds that some testdata file produced a finding of (CT_REQUIRE_KINDS checks them). */
static char **kinds_seen;
static size_t nkinds_seen;

static void note_kind(const char *kind)
{
    for (size_t i = 0; i < nkinds_seen; i++)
        if (strcmp(kinds_seen[i], kind) == 0)
            return;
    char **nv = realloc(kinds_seen, (nkinds_seen + 1) * sizeof(*nv));
    if (!nv)
        return;
    kinds_seen = nv;
    kinds_seen[nkinds_seen++] = xstrdup(kind);
}

static bool check_report(struct test *t, const char *out, size_t outlen)
{
    cJSON *root;
    const cJSON *jfindings, *jerrors, *item;
    struct finding *findings = NULL;
    struct step *steps = NULL;
    struct error_entry *errors = NULL;
    size_t nfindings = 0, capfindings = 0, nsteps = 0, capsteps = 0, nerrors = 0, caperrors = 0;
    long *owner = NULL;
    bool *seen = NULL;
    bool allow_errors = t->allow_errors && t->exit_expected == 3;
    size_t nitems;

    if (outlen == 0) {
        fail(t, 0, "crosstask wrote no JSON report");
        return false;
    }
    root = cJSON_ParseWithLength(out, outlen);
    if (!root) {
        const char *at = cJSON_GetErrorPtr();
        if (at && at >= out && at <= out + outlen)
            fail(t, 0, "crosstask's output is not valid JSON (at byte %zu)", (size_t)(at - out));
        else
            fail(t, 0, "crosstask's output is not valid JSON");
        return false;
    }
    jfindings = cJSON_GetObjectItemCaseSensitive(root, "findings");
    jerrors = cJSON_GetObjectItemCaseSensitive(root, "errors");
    if (!cJSON_IsObject(root) || !cJSON_IsArray(jfindings) ||
        (jerrors && !cJSON_IsNull(jerrors) && !cJSON_IsArray(jerrors))) {
        fail(t, 0, "crosstask's JSON report has no findings array");
        cJSON_Delete(root);
        return false;
    }

    cJSON_ArrayForEach(item, jfindings) {
        const cJSON *loc = cJSON_GetObjectItemCaseSensitive(item, "location");
        const char *kind = json_string(cJSON_GetObjectItemCaseSensitive(item, "scope"), "kind");
        if (kind)
            note_kind(kind);
        const cJSON *trace = cJSON_GetObjectItemCaseSensitive(item, "trace"), *s;
        if (!cJSON_IsArray(trace))
            trace = NULL;
        struct finding *f;
        XPUSH(f, findings, nfindings, capfindings);
        f->rule = json_string(item, "rule");
        f->message = or_empty(json_string(item, "message"));
        f->file = json_string(loc, "file");
        f->line = json_line(loc, "line");
        f->here = !f->file || is_test_file(t, f->file);
        if (!f->file)
            f->file = t->path;
        if (!f->rule)
            f->rule = "(no rule)";
        cJSON_ArrayForEach(s, trace) {
            const char *file = json_string(s, "file");
            struct step *st;
            XPUSH(st, steps, nsteps, capsteps);
            st->message = or_empty(json_string(s, "message"));
            st->line = json_line(s, "line");
            st->here = !file || is_test_file(t, file);
        }
    }
    if (!cJSON_IsArray(jerrors))
        jerrors = NULL;
    cJSON_ArrayForEach(item, jerrors) {
        struct error_entry *e;
        XPUSH(e, errors, nerrors, caperrors);
        e->message = or_empty(json_string(item, "message"));
        e->file = json_string(item, "file");
        e->line = json_line(item, "line");
        e->here = !e->file || is_test_file(t, e->file);
        if (!e->file)
            e->file = t->path;
    }

    nitems = nfindings > nerrors ? nfindings : nerrors;
    owner = calloc(nitems ? nitems : 1, sizeof(*owner));
    seen = calloc(nitems ? nitems : 1, sizeof(*seen));
    if (!owner || !seen)
        die_nomem();

    /* findings: expect one to one, then fixmes, then what is left over */
    struct matching m = {.t = t, .kind = EXP_FINDING, .findings = findings, .nitems = nfindings,
                         .owner = owner, .seen = seen};
    match_all(&m);
    for (size_t xi = 0; xi < t->nexps; xi++) {
        struct expectation *x = &t->exps[xi];
        if (x->kind != EXP_FIXME)
            continue;
        for (size_t i = 0; i < nfindings; i++) {
            const struct finding *f = &findings[i];
            if (owner[i] < 0 && f->here && f->line == x->line && strcmp(f->rule, x->rule) == 0) {
                owner[i] = (long)xi;
                fail(t, x->line, "fixme now passes: %s: %s", f->rule, f->message);
            }
        }
    }
    for (size_t i = 0; i < nfindings; i++) {
        if (owner[i] < 0)
            fail_at(t, findings[i].file, findings[i].line, "unexpected %s: %s", findings[i].rule,
                    findings[i].message);
    }

    /* notes: some trace step on the line */
    for (size_t xi = 0; xi < t->nexps; xi++) {
        struct expectation *x = &t->exps[xi];
        if (x->kind != EXP_NOTE)
            continue;
        for (size_t i = 0; i < nsteps && x->match < 0; i++) {
            if (steps[i].here && steps[i].line == x->line &&
                (!x->text || strstr(steps[i].message, x->text)))
                x->match = (long)i;
        }
    }

    /* errors */
    m = (struct matching){.t = t, .kind = EXP_ERROR, .errors = errors, .nitems = nerrors,
                          .owner = owner, .seen = seen};
    match_all(&m);
    for (size_t i = 0; i < nerrors && !allow_errors; i++) {
        if (owner[i] < 0)
            fail_at(t, errors[i].file, errors[i].line, "unexpected error: %s",
                    errors[i].message);
    }

    /* expectations nobody met */
    for (size_t xi = 0; xi < t->nexps; xi++) {
        struct expectation *x = &t->exps[xi];
        char *b;
        if (x->match >= 0 || x->kind == EXP_FIXME)
            continue;
        b = braces(x->text);
        if (x->kind == EXP_FINDING)
            fail(t, x->line, "expected %s%s not found", x->rule, b);
        else
            fail(t, x->line, "expected %s%s not found", x->kind == EXP_NOTE ? "note" : "error",
                 b);
        free(b);
    }

    free(owner);
    free(seen);
    free(findings);
    free(steps);
    free(errors);
    cJSON_Delete(root);
    return true;
}

/* Prints up to MAX_STDERR_LINES lines of ERR to standard error, indented. */
static void print_stderr(const char *path, const char *err)
{
    int lines = 0;

    if (!*err)
        return;
    fprintf(stderr, "%s: crosstask's standard error:\n", path);
    for (const char *p = err; *p && lines < MAX_STDERR_LINES; lines++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        fprintf(stderr, "  | %.*s\n", (int)len, p);
        p = nl ? nl + 1 : p + len;
    }
    if (lines == MAX_STDERR_LINES)
        fputs("  | ...\n", stderr);
}

/* Runs and checks one file; prints its failures. Returns whether it passed. */
static bool run_test(const char *crosstask, const char *path, double timeout, bool verbose)
{
    struct test t = {.path = path};
    struct strv argv = {0};
    struct run r = {0};
    bool has_finding = false, has_error = false, unexpected = false, ran = false, passed;
    size_t len;
    char *src = read_file(path, &len);

    if (!src) {
        fail(&t, 0, "cannot read: %s", strerror(errno));
        goto done;
    }
    t.real = realpath(path, NULL);
    parse_source(&t, src);
    free(src);

    for (size_t i = 0; i < t.nexps; i++) {
        has_finding |= t.exps[i].kind == EXP_FINDING;
        has_error |= t.exps[i].kind == EXP_ERROR;
    }
    if (!t.exit_given)
        t.exit_expected = has_error || t.allow_errors ? 3 : has_finding ? 1 : 0;
    else if (t.allow_errors && t.exit_expected != 3)
        fail(&t, 0, "malformed header: allow-errors needs exit: 3, not exit: %d",
             t.exit_expected);

    if (build_argv(&t, crosstask, &argv) != 0)
        goto done;
    if (verbose) {
        fputs("+ ", stderr);
        print_command(stderr, argv.v);
    }
    if (run_command(argv.v, timeout, &r) != 0) {
        fail(&t, 0, "cannot run %s: %s", crosstask, strerror(errno));
        goto done;
    }
    ran = true;
    if (r.timed_out) {
        fail(&t, 0, "crosstask timed out after %g s", timeout);
        unexpected = true;
    } else if (r.signal) {
        fail(&t, 0, "crosstask was killed by signal %d (%s)", r.signal, strsignal(r.signal));
        unexpected = true;
    } else if (r.status != t.exit_expected) {
        fail(&t, 0, "exit status %d, expected %d", r.status, t.exit_expected);
        unexpected = true;
    }
    if (!r.timed_out && !r.signal && !check_report(&t, r.out, r.outlen))
        unexpected = true;

done:
    if (ran && unexpected) {
        fprintf(stderr, "%s: ran: ", path);
        print_command(stderr, argv.v);
        print_stderr(path, r.err);
    }
    if (t.nfails)
        qsort(t.fails, t.nfails, sizeof(*t.fails), cmp_failures);
    for (size_t i = 0; i < t.nfails; i++)
        printf("%s\n", t.fails[i].text);
    passed = t.nfails == 0;
    if (verbose)
        printf("%s %s\n", passed ? "PASS" : "FAIL", path);
    fflush(stdout);
    run_fini(&r);
    strv_free(&argv);
    test_fini(&t);
    return passed;
}

/* ---- finding the files ------------------------------------------------------------------ */

/* Appends every *.c and *.cpp file under DIR (recursively) to OUT. Returns 0, or -1 with
 * errno set when DIR cannot be read. */
static int collect_dir(const char *dir, struct strv *out)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    struct strv names = {0};

    if (!d)
        return -1;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] != '.')
            strv_push(&names, xstrdup(de->d_name));
    }
    closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof(*names.v), cmp_strings);
    for (size_t i = 0; i < names.n; i++) {
        char *path = xprintf("%s/%s", dir, names.v[i]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            collect_dir(path, out); /* an unreadable subdirectory holds no tests we can see */
            free(path);
        } else if (has_suffix(path, ".c") || has_suffix(path, ".cpp") || is_python(path)) {
            strv_push(out, path);
        } else {
            free(path);
        }
    }
    strv_free(&names);
    return 0;
}

static void usage(FILE *f)
{
    fputs("usage: run_testdata [-v] CROSSTASK PATH...\n"
          "Runs CROSSTASK on every *.c, *.cpp and *.py file under each PATH (or on PATH itself)\n"
          "and checks its findings against the expectations written in the files.\n",
          f);
}

/* Every scope kind named in the space-separated list KINDS must have been seen. */
static size_t check_kinds(const char *kinds)
{
    size_t missing = 0;
    char *copy = xstrdup(kinds), *save = NULL;
    for (char *k = strtok_r(copy, " \t\n", &save); k; k = strtok_r(NULL, " \t\n", &save)) {
        bool seen = false;
        for (size_t i = 0; i < nkinds_seen && !seen; i++)
            seen = strcmp(kinds_seen[i], k) == 0;
        if (!seen) {
            printf("testdata: no file has a finding of scope kind '%s'\n", k);
            missing++;
        }
    }
    free(copy);
    for (size_t i = 0; i < nkinds_seen; i++)
        free(kinds_seen[i]);
    free(kinds_seen);
    return missing;
}

int main(int argc, char **argv)
{
    bool verbose = false;
    const char *crosstask, *env;
    size_t passed = 0, failed = 0;
    double timeout = 120;
    int i = 1;

    while (i < argc && argv[i][0] == '-' && argv[i][1]) {
        if (strcmp(argv[i], "-v") == 0) {
            verbose = true;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else {
            fprintf(stderr, "run_testdata: unknown option %s\n", argv[i]);
            usage(stderr);
            return 2;
        }
        i++;
    }
    if (argc - i < 2) {
        usage(stderr);
        return 2;
    }
    crosstask = argv[i++];
    if (strchr(crosstask, '/') && access(crosstask, X_OK) != 0) {
        fprintf(stderr, "run_testdata: %s: %s\n", crosstask, strerror(errno));
        return 2;
    }
    env = getenv("CT_TESTDATA_TIMEOUT");
    if (env && *env) {
        char *end;
        double v = strtod(env, &end);
        if (*end || !(v > 0)) {
            fprintf(stderr, "run_testdata: CT_TESTDATA_TIMEOUT must be a positive number\n");
            return 2;
        }
        timeout = v;
    }

    for (; i < argc; i++) {
        struct strv files = {0};
        char *path = xstrdup(argv[i]);
        size_t n = strlen(path);
        struct stat st;

        while (n > 1 && path[n - 1] == '/')
            path[--n] = '\0';
        if (stat(path, &st) != 0) {
            printf("%s: %s\n", path, strerror(errno));
            failed++;
        } else if (S_ISDIR(st.st_mode)) {
            if (collect_dir(path, &files) != 0) {
                printf("%s: %s\n", path, strerror(errno));
                failed++;
            }
            qsort(files.v, files.n, sizeof(*files.v), cmp_strings);
        } else {
            strv_push(&files, xstrdup(path));
        }
        for (size_t j = 0; j < files.n; j++) {
            if (run_test(crosstask, files.v[j], timeout, verbose))
                passed++;
            else
                failed++;
        }
        strv_free(&files);
        free(path);
    }
    env = getenv("CT_REQUIRE_KINDS");
    if (env && *env)
        failed += check_kinds(env);
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
