/* parse_floor.c - the floor for any libclang tool: parses every translation unit of a
 * compile_commands.json in one process, on N threads, and does nothing else.
 *
 *   parse_floor [-j N] [-v] BUILD-DIR
 *
 * It does what crosstask's frontend does before it looks at a single cursor, and no more: the
 * database read with libclang's CXCompilationDatabase, one entry per distinct file (the first),
 * the flags cleaned the same way (compiler, -c, -o FILE, dependency-file options and the source
 * itself dropped; -working-directory DIR added), one CXIndex per thread, and
 * clang_parseTranslationUnit2(..., CXTranslationUnit_KeepGoing) followed by
 * clang_disposeTranslationUnit. No cursor is visited, no token read, no diagnostic fetched.
 * Whatever crosstask takes beyond this is its own cost.
 *
 * Prints "N files, E failed, X s" on standard error (with -v, one "S FILE" line per file, the
 * seconds it took). Exit status: 0 when every file parsed, 1 when some did not, 2 on a usage
 * or database error. Bench code: it must never be linked into crosstask.
 */
#define _GNU_SOURCE
#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct entry {
    char *file;  /* absolute path, as the database names it */
    char **argv; /* flags for libclang: -working-directory DIR, then the cleaned command */
    int argc;
    double seconds;
    bool failed;
};

struct pool {
    struct entry *v;
    size_t n;
    atomic_size_t next;
    atomic_size_t failed;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("parse_floor: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    char *p = strdup(s ? s : "");
    if (!p) {
        fputs("parse_floor: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

/* DIR/NAME, or NAME when absolute; a new string. */
static char *join(const char *dir, const char *name)
{
    char *s;
    if (name[0] == '/' || !dir[0])
        return xstrdup(name);
    if (asprintf(&s, "%s/%s", dir, name) < 0) {
        fputs("parse_floor: out of memory\n", stderr);
        exit(2);
    }
    return s;
}

/* P with "." and ".." segments and repeated slashes folded, lexically (as crosstask's compdb.c
 * folds the file of an entry), in place. */
static void fold(char *p)
{
    char *out = p, *s = p;
    bool abs = *s == '/';
    size_t len = 0;
    if (abs)
        out[len++] = '/';
    while (*s) {
        while (*s == '/')
            s++;
        char *e = s;
        while (*e && *e != '/')
            e++;
        size_t seg = (size_t)(e - s);
        if (seg == 0)
            break;
        if (seg == 1 && s[0] == '.') {
            /* skip */
        } else if (seg == 2 && s[0] == '.' && s[1] == '.' && len > (abs ? 1u : 0u)) {
            while (len > (abs ? 1u : 0u) && out[len - 1] != '/')
                len--;
            if (len > (abs ? 1u : 0u))
                len--;
        } else {
            if (len > 0 && out[len - 1] != '/')
                out[len++] = '/';
            memmove(out + len, s, seg); /* len <= s - p: never ahead of the reader */
            len += seg;
        }
        s = e;
    }
    if (len == 0)
        out[len++] = abs ? '/' : '.';
    out[len] = '\0';
}

/* The options crosstask's compdb.c drops: output and dependency files, compile-only. */
static bool drops_with_value(const char *a)
{
    return strcmp(a, "-o") == 0 || strcmp(a, "-MF") == 0 || strcmp(a, "-MT") == 0 ||
           strcmp(a, "-MQ") == 0;
}

static bool drops_alone(const char *a)
{
    return strcmp(a, "-c") == 0 || strcmp(a, "-MD") == 0 || strcmp(a, "-MMD") == 0 ||
           strcmp(a, "-M") == 0 || strcmp(a, "-MM") == 0 || strcmp(a, "-MP") == 0 ||
           strncmp(a, "-o", 2) == 0 || strcmp(a, "-pipe") == 0 || strcmp(a, "--") == 0;
}

/* Whether paths A and B name the same file (./x.c and x.c do), as crosstask's compdb.c asks. */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (strcmp(a, b) == 0)
        return true;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

static void entry_from(CXCompileCommand cc, struct entry *e)
{
    CXString dir = clang_CompileCommand_getDirectory(cc);
    CXString name = clang_CompileCommand_getFilename(cc);
    unsigned nargs = clang_CompileCommand_getNumArgs(cc);
    const char *d = clang_getCString(dir) ? clang_getCString(dir) : ".";
    const char *f = clang_getCString(name) ? clang_getCString(name) : "";

    memset(e, 0, sizeof(*e));
    e->file = join(d, f);
    fold(e->file);
    e->argv = xmalloc((nargs + 2) * sizeof(char *));
    e->argv[e->argc++] = xstrdup("-working-directory");
    e->argv[e->argc++] = xstrdup(d);
    for (unsigned i = 1; i < nargs; i++) { /* argv[0] is the compiler */
        CXString s = clang_CompileCommand_getArg(cc, i);
        const char *a = clang_getCString(s) ? clang_getCString(s) : "";
        if (drops_with_value(a)) {
            i++;
        } else if (drops_alone(a)) {
            /* compile-only and output options */
        } else if (a[0] != '-' && a[0] != '@') {
            char *j = join(d, a);
            if (!same_file(j, e->file)) /* the source itself is given apart */
                e->argv[e->argc++] = xstrdup(a);
            free(j);
        } else {
            e->argv[e->argc++] = xstrdup(a);
        }
        clang_disposeString(s);
    }
    clang_disposeString(dir);
    clang_disposeString(name);
}

static void *worker(void *arg)
{
    struct pool *pool = arg;
    CXIndex index = clang_createIndex(0, 0);
    for (;;) {
        size_t i = atomic_fetch_add(&pool->next, 1);
        if (i >= pool->n)
            break;
        struct entry *e = &pool->v[i];
        CXTranslationUnit tu = NULL;
        double t0 = now();
        enum CXErrorCode ec = clang_parseTranslationUnit2(
            index, e->file, (const char *const *)e->argv, e->argc, NULL, 0,
            CXTranslationUnit_KeepGoing, &tu);
        if (ec != CXError_Success || !tu) {
            e->failed = true;
            atomic_fetch_add(&pool->failed, 1);
        }
        clang_disposeTranslationUnit(tu);
        e->seconds = now() - t0;
    }
    clang_disposeIndex(index);
    return NULL;
}

int main(int argc, char **argv)
{
    int jobs = 1;
    bool verbose = false;
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-j") == 0 && i + 1 < argc) {
            jobs = atoi(argv[++i]);
        } else if (strncmp(argv[i], "-j", 2) == 0 && argv[i][2]) {
            jobs = atoi(argv[i] + 2);
        } else if (strcmp(argv[i], "-v") == 0) {
            verbose = true;
        } else if (argv[i][0] != '-' && !dir) {
            dir = argv[i];
        } else {
            fputs("usage: parse_floor [-j N] [-v] BUILD-DIR\n", stderr);
            return 2;
        }
    }
    if (!dir || jobs < 1) {
        fputs("usage: parse_floor [-j N] [-v] BUILD-DIR\n", stderr);
        return 2;
    }

    double t0 = now();
    CXCompilationDatabase_Error cerr = CXCompilationDatabase_NoError;
    CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(dir, &cerr);
    if (cerr != CXCompilationDatabase_NoError || !db) {
        fprintf(stderr, "parse_floor: %s/compile_commands.json: cannot load it\n", dir);
        return 2;
    }
    CXCompileCommands all = clang_CompilationDatabase_getAllCompileCommands(db);
    unsigned n = all ? clang_CompileCommands_getSize(all) : 0;
    struct pool pool = {.v = xmalloc(n * sizeof(struct entry))};
    for (unsigned i = 0; i < n; i++) {
        struct entry e;
        entry_from(clang_CompileCommands_getCommand(all, i), &e);
        bool dup = false;
        for (size_t k = 0; k < pool.n && !dup; k++)
            dup = strcmp(pool.v[k].file, e.file) == 0;
        if (dup) {
            for (int a = 0; a < e.argc; a++)
                free(e.argv[a]);
            free(e.argv);
            free(e.file);
            continue;
        }
        pool.v[pool.n++] = e;
    }
    if (all)
        clang_CompileCommands_dispose(all);
    clang_CompilationDatabase_dispose(db);

    int nthreads = jobs < (int)pool.n ? jobs : (int)pool.n;
    pthread_t *threads = xmalloc((size_t)(nthreads > 0 ? nthreads : 1) * sizeof(pthread_t));
    pthread_attr_t attr;
    int started = 0;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, (size_t)256 << 20); /* as crosstask: deep code */
    for (int i = 0; i < nthreads; i++)
        if (pthread_create(&threads[i], &attr, worker, &pool) == 0)
            started++;
    pthread_attr_destroy(&attr);
    if (started == 0)
        worker(&pool);
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    free(threads);

    if (verbose)
        for (size_t i = 0; i < pool.n; i++)
            fprintf(stderr, "%.3f %s%s\n", pool.v[i].seconds, pool.v[i].file,
                    pool.v[i].failed ? " (failed)" : "");
    size_t failed = atomic_load(&pool.failed);
    fprintf(stderr, "parse_floor: %zu files, %zu failed, %.3f s\n", pool.n, failed, now() - t0);
    for (size_t i = 0; i < pool.n; i++) {
        for (int a = 0; a < pool.v[i].argc; a++)
            free(pool.v[i].argv[a]);
        free(pool.v[i].argv);
        free(pool.v[i].file);
    }
    free(pool.v);
    return failed ? 1 : 0;
}
