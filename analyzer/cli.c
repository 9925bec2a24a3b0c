/* cli.c - the crosstask command: options, rule packs, parsing the inputs in parallel, analysis,
 * the report, and the exit status. The only module that prints to the terminal or exits. */
#include "ct.h"
#include "facts.h"
#include "rules.h"
#include "frontend.h"
#include "compdb.h"
#include "frontend_py.h"
#include "cache.h"
#include "taskgraph.h"
#include "analysis.h"
#include "suppress.h"
#include "report.h"
#include "baseline.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_PARTIAL = 3 };

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF };

struct options {
    enum format format;
    const char *output;
    const char **rules;
    size_t nrules, caprules;
    bool no_default_rules;
    bool list_rules;
    const char *explain;
    const char *dump;
    int jobs;
    bool stats;
    const char *baseline;      /* --baseline */
    const char *write_baseline; /* --write-baseline */
    const char *build_dir;     /* -p */
    const char *cache_dir;     /* --cache */
    bool emit_facts;           /* --emit-facts: write one translation unit's facts to -o */
    const char *depfile;       /* --depfile: with --emit-facts, the headers read, for make */
    const char *facts_dir;     /* --facts: analyse the *.ctf files under it */
    bool no_cache;
    int progress;              /* 0 auto, 1 always, 2 never */
    bool have_flags;           /* a -- was given */
    const char **files;
    size_t nfiles, capfiles;
    const char **flags;
    int nflags;
};

static void usage(FILE *out)
{
    fputs("usage: crosstask [OPTIONS] FILE... [-- COMPILER-FLAGS...]\n"
          "       crosstask [OPTIONS] -p BUILD-DIR [FILE...]\n"
          "       crosstask --emit-facts -o OUT.ctf [--depfile OUT.d] FILE [-- COMPILER-FLAGS...]\n"
          "       crosstask [OPTIONS] --facts DIR [FILE...]\n"
          "\n"
          "Finds scopes (locks, cancel state, locales, exit stacks) entered in one task or\n"
          "thread and exited in another.\n"
          "\n"
          "options:\n"
          "  -f, --format FORMAT      text, json or sarif (SARIF 2.1.0; default: text)\n"
          "  -o, --output FILE        write the report to FILE instead of standard output\n"
          "  -r, --rules PATH         a rule pack, or a folder of them; repeatable\n"
          "      --no-default-rules   do not load the built-in rule packs\n"
          "  -p, --build-dir DIR      analyse the program DIR/compile_commands.json describes;\n"
          "                           with FILEs, report only findings that touch them\n"
          "  -j, --jobs N             parse N files at once (default: the number of cores)\n"
          "      --cache DIR          keep per-file results in DIR (default:\n"
          "                           $XDG_CACHE_HOME/crosstask or ~/.cache/crosstask)\n"
          "      --no-cache           neither read nor write the cache\n"
          "      --emit-facts         parse FILE (one translation unit, like a compile) and\n"
          "                           write its facts to -o OUT.ctf, for --facts\n"
          "      --depfile FILE       with --emit-facts: write the files it read (make syntax)\n"
          "      --facts DIR          analyse the program whose facts are the *.ctf under DIR\n"
          "                           (as -p would); with FILEs, report only findings that\n"
          "                           touch them\n"
          "      --baseline FILE      report only findings not recorded in FILE\n"
          "      --write-baseline FILE\n"
          "                           record the findings of this run in FILE\n"
          "      --progress WHEN      auto (on a terminal), always or never: a [k/N] line\n"
          "                           per file parsed, then per function analysed\n"
          "      --list-rules         list the diagnostics, scope kinds and edges known\n"
          "      --explain ID         explain a diagnostic or scope kind\n"
          "      --dump=facts|tasks   print the facts or the task graph (for debugging)\n"
          "      --stats              print parse and analysis times, and how many\n"
          "                           functions went over the analysis budget, on stderr\n"
          "      --version            print the version\n"
          "  -h, --help               this help\n"
          "\n"
          "exit status: 0 no findings, 1 findings, 2 usage or rule-pack error,\n"
          "             3 some input could not be analysed (the rest was)\n",
          out);
}

static int fail_usage(const char *fmt, const char *arg)
{
    fputs("crosstask: error: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'crosstask --help'.\n", stderr);
    return EXIT_USAGE;
}

static bool push_str(const char ***arr, size_t *n, size_t *cap, const char *s)
{
    if (ct_grow((void **)arr, cap, *n + 1, sizeof(**arr)) != 0)
        return false;
    (*arr)[(*n)++] = s;
    return true;
}

/* Returns -1 on success, or the exit status to leave with. */
static int parse_args(int argc, char **argv, struct options *o)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = n > 0 ? (int)n : 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
/* -j 4, -j4, --jobs 4 and --jobs=4 alike (a short option is two characters long) */
#define VALUE_OF(shortopt, longopt)                                                         \
    ((strcmp(a, shortopt) == 0 || strcmp(a, longopt) == 0)                                  \
         ? (i + 1 < argc ? (val = argv[++i], true) : (val = NULL, true))                    \
     : strncmp(a, longopt "=", sizeof(longopt)) == 0 ? (val = a + sizeof(longopt), true)    \
     : (sizeof(shortopt) == 3 && shortopt[1] != '-' && strncmp(a, shortopt, 2) == 0 &&     \
        a[2] != '\0')                                                                      \
         ? (val = a + 2, true)                                                              \
         : false)
        if (strcmp(a, "--") == 0) {
            o->flags = (const char **)argv + i + 1;
            o->nflags = argc - i - 1;
            o->have_flags = true;
            break;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return EXIT_CLEAN;
        } else if (strcmp(a, "--version") == 0) {
            printf("crosstask %s\n", CT_VERSION);
            return EXIT_CLEAN;
        } else if (VALUE_OF("-f", "--format")) {
            if (!val)
                return fail_usage("option '%s' needs a value (text or json)", a);
            if (strcmp(val, "text") == 0)
                o->format = FORMAT_TEXT;
            else if (strcmp(val, "json") == 0)
                o->format = FORMAT_JSON;
            else if (strcmp(val, "sarif") == 0)
                o->format = FORMAT_SARIF;
            else
                return fail_usage("unknown format '%s' (expected text, json or sarif)", val);
        } else if (VALUE_OF("-o", "--output")) {
            if (!val)
                return fail_usage("option '%s' needs a file name", a);
            o->output = val;
        } else if (VALUE_OF("-r", "--rules")) {
            if (!val)
                return fail_usage("option '%s' needs a path", a);
            if (!push_str(&o->rules, &o->nrules, &o->caprules, val))
                return fail_usage("%s", "out of memory");
        } else if (VALUE_OF("-j", "--jobs")) {
            char *end;
            long j = val ? strtol(val, &end, 10) : 0;
            if (!val || *end || j < 1 || j > 256)
                return fail_usage("option -j needs a number from 1 to 256, not '%s'",
                                  val ? val : "");
            o->jobs = (int)j;
        } else if (VALUE_OF("--explain", "--explain")) {
            if (!val)
                return fail_usage("option '%s' needs a diagnostic or scope kind", a);
            o->explain = val;
        } else if (VALUE_OF("--dump", "--dump")) {
            if (!val || (strcmp(val, "facts") != 0 && strcmp(val, "tasks") != 0))
                return fail_usage("--dump takes facts or tasks, not '%s'", val ? val : "");
            o->dump = val;
        } else if (strcmp(a, "--no-default-rules") == 0) {
            o->no_default_rules = true;
        } else if (strcmp(a, "--list-rules") == 0) {
            o->list_rules = true;
        } else if (strcmp(a, "--stats") == 0) {
            o->stats = true;
        } else if (VALUE_OF("-p", "--build-dir")) {
            if (!val)
                return fail_usage("option '%s' needs the build directory", a);
            o->build_dir = val;
        } else if (strcmp(a, "--no-cache") == 0) {
            o->no_cache = true;
        } else if (strcmp(a, "--emit-facts") == 0) {
            o->emit_facts = true;
        } else if (VALUE_OF("--depfile", "--depfile")) {
            if (!val || !*val)
                return fail_usage("option '%s' needs a file to write", a);
            o->depfile = val;
        } else if (VALUE_OF("--facts", "--facts")) {
            if (!val || !*val)
                return fail_usage("option '%s' needs a directory of .ctf files", a);
            o->facts_dir = val;
        } else if (VALUE_OF("--cache", "--cache")) {
            if (!val || !*val)
                return fail_usage("option '%s' needs a directory", a);
            o->cache_dir = val;
        } else if (VALUE_OF("--progress", "--progress")) {
            if (val && strcmp(val, "auto") == 0)
                o->progress = 0;
            else if (val && strcmp(val, "always") == 0)
                o->progress = 1;
            else if (val && strcmp(val, "never") == 0)
                o->progress = 2;
            else
                return fail_usage("--progress takes auto, always or never, not '%s'",
                                  val ? val : "");
        } else if (VALUE_OF("--baseline", "--baseline")) {
            if (!val || !*val)
                return fail_usage("option '%s' needs a baseline file", a);
            o->baseline = val;
        } else if (VALUE_OF("--write-baseline", "--write-baseline")) {
            if (!val || !*val)
                return fail_usage("option '%s' needs a file to write", a);
            o->write_baseline = val;
        } else if (a[0] == '-' && a[1] != '\0') {
            return fail_usage("unknown option '%s'", a);
        } else {
            if (!push_str(&o->files, &o->nfiles, &o->capfiles, a))
                return fail_usage("%s", "out of memory");
        }
#undef VALUE_OF
    }
    if (o->emit_facts && (!o->output || o->nfiles != 1 || o->build_dir || o->facts_dir))
        return fail_usage("%s", "--emit-facts takes -o OUT.ctf and one source FILE (with its "
                                "flags after --), and no -p or --facts");
    if (o->depfile && !o->emit_facts)
        return fail_usage("%s", "--depfile goes with --emit-facts");
    if (o->facts_dir && (o->build_dir || o->have_flags))
        return fail_usage("%s", "--facts takes the place of -p and of compiler flags");
    return -1;
}

/* The built-in packs: next to the binary in the source tree, or installed under share/. */
static const char *default_rules_dir(char *buf, size_t size)
{
    const char *env = getenv("CROSSTASK_RULES");
    char exe[PATH_MAX];
    struct stat sb;
    const char *rel[] = {"/../rules", "/../../rules", "/../share/crosstask/rules"};

    if (env && *env)
        return env;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
        snprintf(buf, size, "%s%s", exe, rel[i]);
        if (stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode))
            return buf;
    }
    return NULL;
}

/* The peak resident memory of this process so far, in MB (0 when unknown). */
static double peak_mb(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? (double)ru.ru_maxrss / 1024.0 : 0.0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- units: what to parse, and with which flags -------------------------------------------- */

struct unit {
    const char *file;          /* the path to parse */
    const char *const *argv;   /* its flags (borrowed from the options or the database) */
    int argc;
    int rc;                    /* of parsing (or the cache) */
    struct ct_error err;
    struct ct_tu_facts *facts;
    bool cached;               /* the facts came from the cache */
    bool have_sum;             /* SUM is the checksum of its current cache entry */
    unsigned long long sum;
    unsigned config;           /* which of the file's distinct sets of flags (0: the first) */
    unsigned nconfigs;         /* how many the database gives the file */
};

/* Whether the facts of A and B are the same (their encodings are). */
static bool same_facts(const struct ct_tu_facts *a, const struct ct_tu_facts *b)
{
    unsigned char *x = NULL, *y = NULL;
    size_t nx = 0, ny = 0;
    bool same = ct_facts_encode(a, &x, &nx) == 0 && ct_facts_encode(b, &y, &ny) == 0 &&
                nx == ny && memcmp(x, y, nx) == 0;
    free(x);
    free(y);
    return same;
}

/* Whether configuration K changes the program: some file's K-th set of flags gives facts other
 * than its first (glib lists files once per library and test that builds them, mostly with flags
 * that change nothing the analysis sees; analysing the same program again finds nothing new). */
static bool config_differs(const struct unit *units, size_t nunits, unsigned k)
{
    for (size_t i = 0; i < nunits; i++) {
        const struct unit *u = &units[i];
        if (u->config != k || u->rc != 0 || !u->facts)
            continue;
        const struct unit *first = NULL;
        for (size_t j = 0; j < nunits && !first; j++)
            if (units[j].config == 0 && units[j].rc == 0 && units[j].facts &&
                strcmp(units[j].file, u->file) == 0)
                first = &units[j];
        if (!first || !same_facts(first->facts, u->facts))
            return true;
    }
    return false;
}

/* Says on standard error what exit status 3 means for this run: which files were not analysed,
 * which were analysed in part (errors in them: what clang could not parse is missing), and that
 * the rest was analysed. When the whole result came from the cache, files have no facts and the
 * errors above say which files they are. */
/* True when FILE is named by an error of REPORT before index END whose line is 0 (WHOLE) or not. */
static bool error_file_seen(const struct ct_report *report, size_t end, const char *file, bool whole)
{
    for (size_t j = 0; j < end; j++) {
        const struct ct_report_error *e = &report->errors[j];
        if (e->file && (e->line == 0) == whole && strcmp(e->file, file) == 0)
            return true;
    }
    return false;
}

/* Prints which files could not be analysed (an error about the whole file: it could not be read
 * or parsed) and which only in part (errors at a line), and that the rest was. Read from the
 * report's errors, not from the units, so that a run served from the cache says exactly what
 * the run that filled it said. A header with errors counts as a file analysed in part. */
static void explain_partial(const struct ct_report *report, size_t nunits)
{
    size_t counts[2] = {0, 0}; /* [0]: not analysed (whole-file errors), [1]: in part */
    for (int pass = 0; pass < 4; pass++) {
        bool whole = pass % 2 == 0, print = pass >= 2;
        size_t n = 0, total = counts[whole ? 0 : 1];
        if (print && total == 0)
            continue;
        if (print && whole)
            fprintf(stderr, "crosstask: %zu of %zu file%s not analysed:", total, nunits,
                    nunits == 1 ? "" : "s");
        else if (print)
            fprintf(stderr, "crosstask: %zu file%s analysed in part (code clang could not parse "
                            "is missing):", total, total == 1 ? "" : "s");
        for (size_t i = 0; i < report->nerrors; i++) {
            const struct ct_report_error *e = &report->errors[i];
            if (!e->file || (e->line == 0) != whole || error_file_seen(report, i, e->file, whole))
                continue;
            if (!whole && error_file_seen(report, report->nerrors, e->file, true))
                continue;
            if (++n <= 8 && print)
                fprintf(stderr, " %s", e->file);
        }
        if (print)
            fputs(n > 8 ? " ...\n" : "\n", stderr);
        else
            counts[whole ? 0 : 1] = n;
    }
    size_t failed = counts[0], partial = counts[1];
    size_t rest = failed + partial < nunits ? nunits - failed - partial : 0;
    if (rest)
        fprintf(stderr, "crosstask: the other %zu file%s analysed in full; the findings above "
                        "are theirs and those of the parts that parsed\n",
                rest, rest == 1 ? " was" : "s were");
    else
        fputs("crosstask: no file was analysed in full; the findings above are those of the "
              "parts that parsed\n", stderr);
}

struct pool {
    struct unit *units;
    size_t nunits;
    struct ct_cache *cache;
    atomic_size_t next;
    atomic_size_t done;
    atomic_size_t ncached;     /* units whose facts the workers took from the cache */
    size_t to_parse;           /* units to take from the cache or parse */
    bool progress;
    pthread_mutex_t print_mu;
    int oom;
    /* Dropping the copies of inline functions an earlier unit already defines, in unit order
     * as units complete (what ct_program_build would skip), so they are freed while the rest
     * parse: */
    bool dedupe;               /* on (one configuration, no --dump) */
    pthread_mutex_t merge_mu;
    bool *complete;            /* units completed */
    size_t frontier;           /* units before it are merged */
    const char **defined;      /* open-addressed set of the USRs defined so far (interned) */
    size_t ndefined, capdefined;
};

/* Adds interned USR to the pool's set: 1 when new, 0 when already there, CT_ENOMEM. */
static int defined_add(struct pool *pool, const char *usr)
{
    if ((pool->ndefined + 1) * 2 > pool->capdefined) {
        size_t ncap = pool->capdefined ? pool->capdefined * 2 : 4096;
        const char **nv = calloc(ncap, sizeof(*nv));
        if (!nv)
            return CT_ENOMEM;
        for (size_t i = 0; i < pool->capdefined; i++) {
            if (!pool->defined[i])
                continue;
            size_t j = (size_t)ct_hash(CT_HASH_INIT, &pool->defined[i], sizeof(char *)) & (ncap - 1);
            while (nv[j])
                j = (j + 1) & (ncap - 1);
            nv[j] = pool->defined[i];
        }
        free(pool->defined);
        pool->defined = nv;
        pool->capdefined = ncap;
    }
    size_t j = (size_t)ct_hash(CT_HASH_INIT, &usr, sizeof(usr)) & (pool->capdefined - 1);
    while (pool->defined[j] && pool->defined[j] != usr)
        j = (j + 1) & (pool->capdefined - 1);
    if (pool->defined[j])
        return 0;
    pool->defined[j] = usr;
    pool->ndefined++;
    return 1;
}

/* Drops from unit U's facts the definitions an earlier unit already gave (caller holds
 * merge_mu; units merge in order). Out of memory, it keeps everything and stops deduplicating:
 * ct_program_build skips the copies anyway. */
static void drop_copies(struct pool *pool, struct unit *u)
{
    if (!pool->dedupe || u->rc != 0 || !u->facts || u->config != 0)
        return;
    struct ct_tu_facts *f = u->facts;
    bool *keep = malloc(f->nfunctions ? f->nfunctions : 1);
    if (!keep) {
        pool->dedupe = false;
        return;
    }
    for (size_t i = 0; i < f->nfunctions; i++) {
        int added = f->functions[i].is_definition ? defined_add(pool, f->functions[i].usr) : 1;
        if (added < 0) {
            pool->dedupe = false;
            break;
        }
        keep[i] = added > 0;
    }
    if (pool->dedupe && ct_tu_facts_keep(f, keep) != 0)
        pool->dedupe = false;
    free(keep);
}

/* Marks unit I complete and merges every completed unit at the frontier. */
static void merge_done(struct pool *pool, size_t i)
{
    if (!pool->complete)
        return;
    pthread_mutex_lock(&pool->merge_mu);
    pool->complete[i] = true;
    while (pool->frontier < pool->nunits && pool->complete[pool->frontier])
        drop_copies(pool, &pool->units[pool->frontier++]);
    pthread_mutex_unlock(&pool->merge_mu);
}

static void progress_line(struct pool *pool, const char *file)
{
    size_t done = atomic_fetch_add(&pool->done, 1) + 1;
    if (!pool->progress)
        return;
    pthread_mutex_lock(&pool->print_mu);
    fprintf(stderr, "\r\033[K[%zu/%zu] %s", done, pool->to_parse, file);
    fflush(stderr);
    pthread_mutex_unlock(&pool->print_mu);
}

static void *parse_worker(void *arg)
{
    struct pool *pool = arg;
    struct ct_frontend *fe = NULL;
    struct ct_pyfrontend *pyfe = NULL;
    for (;;) {
        size_t i = atomic_fetch_add(&pool->next, 1);
        if (i >= pool->nunits)
            break;
        struct unit *u = &pool->units[i];
        if (u->facts || u->rc != 0)
            continue; /* given (--facts), or already known to be broken */
        /* the cache is read here, on the workers: the files that changed are parsed while
         * the entries of the others load */
        u->have_sum = false;
        if (pool->cache && ct_cache_load_sum(pool->cache, u->file, u->argv, u->argc, &u->facts,
                                             &u->sum) == 0) {
            u->cached = true;
            u->have_sum = true;
            atomic_fetch_add(&pool->ncached, 1);
            progress_line(pool, u->file);
            merge_done(pool, i);
            continue;
        }
        u->facts = NULL;
        if (ct_is_python_file(u->file)) {
            if (!pyfe && !(pyfe = ct_pyfrontend_new())) {
                pool->oom = 1;
                break;
            }
            u->rc = ct_pyfrontend_parse(pyfe, u->file, &u->facts, &u->err);
        } else {
            if (!fe && !(fe = ct_frontend_new())) {
                pool->oom = 1;
                break;
            }
            u->rc = ct_frontend_parse(fe, u->file, u->argv, u->argc, &u->facts, &u->err);
        }
        if (u->rc == 0 && pool->cache) {
            struct ct_error ignored;
            u->have_sum = ct_cache_store_sum(pool->cache, u->file, u->argv, u->argc, u->facts,
                                             &u->sum, &ignored) > 0;
        }
        progress_line(pool, u->file);
        merge_done(pool, i);
    }
    ct_frontend_free(fe);
    ct_pyfrontend_free(pyfe);
    return NULL;
}

/* Parses every unit not taken from the cache, on up to JOBS threads, each with a large stack for
 * deeply nested code. */
static int parse_all(struct pool *pool, int jobs)
{
    int n = jobs < (int)pool->to_parse ? jobs : (int)pool->to_parse;
    pthread_t *threads = calloc((size_t)(n > 0 ? n : 1), sizeof(*threads));
    pthread_attr_t attr;
    int started = 0;

    if (!threads)
        return CT_ENOMEM;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, (size_t)256 << 20);
    for (int i = 0; i < n; i++) {
        if (pthread_create(&threads[i], &attr, parse_worker, pool) != 0)
            break;
        started++;
    }
    pthread_attr_destroy(&attr);
    if (started == 0 && n > 0)
        parse_worker(pool);
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    free(threads);
    if (pool->progress && pool->to_parse) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    return pool->oom ? CT_ENOMEM : 0;
}

/* The analysis phase's progress line: "[k/N] analysing" on standard error. */
static void analysis_progress(void *ctx, size_t done, size_t total)
{
    (void)ctx;
    if (done < total)
        fprintf(stderr, "\r\033[K[%zu/%zu] analysing", done, total);
    else
        fputs("\r\033[K", stderr);
    fflush(stderr);
}

static int write_to_file(const char *text, void *out)
{
    return fputs(text, out);
}

/* --- paths in the report ----------------------------------------------------------------- */

/* The one rule for paths in the report (README, "Paths in the output"): a file under the current
 * directory is shown relative to it, any other by its absolute path; both without ./ or ..
 * segments, and symbolic links kept as they were spelled. However a file was named (on the
 * command line, by a database entry, by an #include relative to an entry's directory) and
 * whether its results were parsed now or come from the cache, it is shown the same. */
static const char *shown_path(const char *path, const char *cwd, size_t cwdlen)
{
    if (!path || !path[0] || path[0] == '<')
        return path; /* <stdin>, <built-in>: not files */
    const char *abs = ct_path_fold(cwd, path);
    if (!abs)
        return path;
    if (cwdlen == 0 || strncmp(abs, cwd, cwdlen) != 0 || abs[cwdlen] != '/')
        return abs;
    return ct_intern(abs + cwdlen + 1);
}

static void relativize(struct ct_report *r)
{
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof(cwd)))
        return;
    size_t n = strlen(cwd);
    if (n == 1)
        n = 0; /* "/" */
    for (size_t i = 0; i < r->nfindings; i++) {
        struct ct_finding *f = &r->findings[i];
        /* the message names the enter site's file too */
        if (f->message && f->enter.file) {
            const char *shown = shown_path(f->enter.file, cwd, n);
            char site[PATH_MAX + 32];
            snprintf(site, sizeof(site), " at %s:%u", f->enter.file, f->enter.line);
            char *at = strstr(f->message, site);
            if (shown != f->enter.file && at) {
                char *msg = NULL;
                at += 4; /* " at " */
                if (asprintf(&msg, "%.*s%s%s", (int)(at - f->message), f->message, shown,
                             at + strlen(f->enter.file)) >= 0) {
                    free(f->message);
                    f->message = msg;
                }
            }
        }
        f->loc.file = shown_path(f->loc.file, cwd, n);
        f->enter.file = shown_path(f->enter.file, cwd, n);
        f->exit.file = shown_path(f->exit.file, cwd, n);
        for (size_t k = 0; k < f->ntrace; k++)
            f->trace[k].loc.file = shown_path(f->trace[k].loc.file, cwd, n);
    }
    for (size_t i = 0; i < r->nerrors; i++) {
        const char *s = shown_path(r->errors[i].file, cwd, n);
        if (s && s != r->errors[i].file) {
            char *copy = strdup(s);
            if (copy) {
                free(r->errors[i].file);
                r->errors[i].file = copy;
            }
        }
    }
}

/* With -p and FILEs: keep only findings whose exit, enter or trace is in one of FILES. */
static void keep_touching(struct ct_report *r, const char *const *files, size_t nfiles)
{
    size_t j = 0;
    char buf[PATH_MAX];
    const char **real = calloc(nfiles ? nfiles : 1, sizeof(*real));
    if (!real)
        return;
    for (size_t i = 0; i < nfiles; i++)
        real[i] = ct_intern(realpath(files[i], buf) ? buf : files[i]);
    for (size_t i = 0; i < r->nfindings; i++) {
        struct ct_finding *f = &r->findings[i];
        bool touch = false;
        for (size_t k = 0; k < nfiles && !touch; k++) {
            touch = f->loc.file == real[k] || f->enter.file == real[k] || f->exit.file == real[k];
            for (size_t t = 0; t < f->ntrace && !touch; t++)
                touch = f->trace[t].loc.file == real[k];
        }
        if (touch) {
            r->findings[j++] = *f;
        } else {
            free(f->message);
            free(f->resource);
            for (size_t t = 0; t < f->ntrace; t++)
                free(f->trace[t].message);
            free(f->trace);
        }
    }
    r->nfindings = j;
    free(real);
}

/* The key of a whole run's results: every unit's cache entry (which changes whenever its file,
 * a header it reads or its flags do), the rule packs' bytes and crosstask's build. False when
 * some unit has no current entry (it must be parsed: no reuse). */
static bool program_key_of(const struct unit *units, size_t nunits, const struct ct_rules *rules,
                           unsigned long long *key);

static bool program_cache_key(struct ct_cache *cache, struct unit *units, size_t nunits,
                              const struct ct_rules *rules, unsigned long long *key)
{
    for (size_t i = 0; i < nunits; i++) {
        struct unit *u = &units[i];
        if (u->rc != 0 || ct_cache_check(cache, u->file, u->argv, u->argc, &u->sum) != 0)
            return false;
        u->have_sum = true;
    }
    return program_key_of(units, nunits, rules, key);
}

/* The same key from the checksums the units' entries had when they were loaded or stored. */
static bool program_key_of(const struct unit *units, size_t nunits, const struct ct_rules *rules,
                           unsigned long long *key)
{
    unsigned long long h = ct_hash(CT_HASH_INIT, CT_VERSION, sizeof(CT_VERSION));
    for (size_t i = 0; i < nunits; i++) {
        const struct unit *u = &units[i];
        if (u->rc != 0 || !u->have_sum)
            return false;
        h = ct_hash(h, u->file, strlen(u->file) + 1);
        h = ct_hash(h, &u->sum, sizeof(u->sum));
    }
    for (size_t i = 0; i < rules->npacks; i++) {
        FILE *fp = fopen(rules->packs[i].path, "rb");
        char buf[8192];
        size_t n;
        if (!fp)
            return false;
        while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
            h = ct_hash(h, buf, n);
        fclose(fp);
    }
    *key = h;
    return true;
}

/* --- Python projects: folders and pyproject.toml ----------------------------------------- */

/* Folders a walk never enters (ruff's default excludes), besides any whose name starts with '.'
 * and any virtualenv (a folder holding pyvenv.cfg). */
static const char *const skip_dirs[] = {"__pycache__", "__pypackages__", "_build", "buck-out",
                                        "build", "dist", "node_modules", "site-packages", "venv",
                                        NULL};

struct pyconf {
    const char *dir;         /* the folder holding pyproject.toml, interned; NULL: none */
    const char **exclude;    /* [tool.crosstask] exclude: names or globs */
    size_t nexclude, capexclude;
};

static bool excluded(const struct pyconf *conf, const char *path, const char *name)
{
    for (size_t i = 0; i < conf->nexclude; i++) {
        const char *pat = conf->exclude[i];
        if (fnmatch(pat, name, 0) == 0 || fnmatch(pat, path, 0) == 0)
            return true;
        size_t dl = conf->dir ? strlen(conf->dir) : 0;
        if (dl && strncmp(path, conf->dir, dl) == 0 && path[dl] == '/' &&
            fnmatch(pat, path + dl + 1, 0) == 0)
            return true;
    }
    return false;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* --- facts as build outputs ------------------------------------------------------------- */

/* Writes TEXT to FP as make does a file name (spaces and # escaped). */
static void put_make_name(FILE *fp, const char *text)
{
    for (const char *c = text; *c; c++) {
        if (*c == ' ' || *c == '#')
            fputc('\\', fp);
        else if (*c == '$')
            fputc('$', fp);
        fputc(*c, fp);
    }
}

/* --emit-facts: parses one translation unit as a compile would, in the current directory, and
 * writes its facts to -o (and the files it read to --depfile). The file and flags are made what
 * a compilation database entry for the same command gives -p, so that the facts are the same. */
static int emit_facts(const struct options *o)
{
    char cwd[PATH_MAX];
    struct ct_error err;
    struct ct_tu_facts *facts = NULL;
    struct ct_frontend *fe = NULL;
    char *file = NULL;
    const char **args = NULL;
    int status = EXIT_CLEAN, rc;

    memset(&err, 0, sizeof(err));
    if (!getcwd(cwd, sizeof(cwd))) {
        fprintf(stderr, "crosstask: error: cannot read the current directory: %s\n",
                strerror(errno));
        return EXIT_USAGE;
    }
    file = ct_compdb_absolute(cwd, o->files[0]);
    args = calloc((size_t)o->nflags + 2, sizeof(*args));
    fe = ct_frontend_new();
    if (!file || !args || !fe) {
        fputs("crosstask: error: out of memory\n", stderr);
        status = EXIT_USAGE;
        goto out;
    }
    args[0] = "-working-directory";
    args[1] = cwd;
    for (int i = 0; i < o->nflags; i++)
        args[2 + i] = o->flags[i];
    if (ct_is_python_file(file)) {
        struct ct_pyfrontend *pyfe = ct_pyfrontend_new();
        rc = pyfe ? ct_pyfrontend_parse(pyfe, file, &facts, &err)
                  : ct_error_set(&err, CT_ENOMEM, file, 0, 0, "out of memory");
        ct_pyfrontend_free(pyfe);
    } else {
        rc = ct_frontend_parse(fe, file, args, o->nflags + 2, &facts, &err);
    }
    if (rc != 0) {
        fprintf(stderr, "%s: error: %s\n", o->files[0], err.msg[0] ? err.msg : ct_strerror(rc));
        status = rc == CT_ENOMEM ? EXIT_USAGE : EXIT_PARTIAL;
        goto out;
    }
    /* what clang said is kept in the facts (a --facts run reports it, as -p does); it is shown
     * here too, as a compiler would */
    for (size_t e = 0; e < facts->nerrors; e++) {
        const struct ct_tu_error *te = &facts->errors[e];
        fprintf(stderr, "%s:%u:%u: error: %s\n", te->loc.file ? te->loc.file : file,
                te->loc.line, te->loc.col, te->message);
    }
    memset(&err, 0, sizeof(err));
    if ((rc = ct_facts_write_file(o->output, facts, &err)) != 0) {
        fprintf(stderr, "%s: error: %s\n", o->output, err.msg[0] ? err.msg : ct_strerror(rc));
        status = EXIT_USAGE;
        goto out;
    }
    if (o->depfile) {
        FILE *fp = fopen(o->depfile, "w");
        if (fp) {
            put_make_name(fp, o->output);
            fputc(':', fp);
            for (size_t i = 0; i < facts->ndeps; i++) {
                fputs(" \\\n  ", fp);
                put_make_name(fp, facts->deps[i]);
            }
            fputc('\n', fp);
        }
        if (!fp || fclose(fp) != 0) {
            fprintf(stderr, "%s: error: cannot write the depfile: %s\n", o->depfile,
                    strerror(errno));
            status = EXIT_USAGE;
        }
    }
out:
    ct_tu_facts_free(facts);
    ct_frontend_free(fe);
    free(args);
    free(file);
    return status;
}

static int cmp_str_ptr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Adds the Python files under DIR (sorted, recursively, DEPTH levels at most) to FILES. */
static bool walk_python(const char *dir, const struct pyconf *conf, const char ***files,
                        size_t *n, size_t *cap, int depth)
{
    char buf[PATH_MAX];
    struct stat sb;
    DIR *d;
    const char **names = NULL;
    size_t nn = 0, capn = 0;
    bool ok = true;

    if (depth > 64)
        return true;
    snprintf(buf, sizeof(buf), "%s/pyvenv.cfg", dir);
    if (depth > 0 && stat(buf, &sb) == 0)
        return true; /* a virtualenv */
    if (!(d = opendir(dir)))
        return true;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        const char *copy = ct_intern(e->d_name);
        if (!copy || !push_str(&names, &nn, &capn, copy)) {
            ok = false;
            break;
        }
    }
    closedir(d);
    if (nn)
        qsort(names, nn, sizeof(*names), cmp_cstr);
    for (size_t i = 0; ok && i < nn; i++) {
        const char *name = names[i];
        bool skip = false;
        snprintf(buf, sizeof(buf), "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
        if (stat(buf, &sb) != 0 || excluded(conf, buf, name))
            continue;
        if (S_ISDIR(sb.st_mode)) {
            for (int k = 0; skip_dirs[k]; k++)
                skip = skip || strcmp(name, skip_dirs[k]) == 0 ||
                       (strlen(name) > 9 && strcmp(name + strlen(name) - 9, ".egg-info") == 0);
            if (!skip)
                ok = walk_python(buf, conf, files, n, cap, depth + 1);
        } else if (S_ISREG(sb.st_mode) && ct_is_python_file(buf)) {
            const char *path = ct_intern(buf);
            ok = path && push_str(files, n, cap, path);
        }
    }
    free(names);
    return ok;
}

/* Reads a TOML string ("..." or '...') at *P into an interned string; NULL when there is none. */
static const char *toml_string(const char **p)
{
    const char *s = *p;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s != '"' && *s != '\'')
        return NULL;
    char q = *s++;
    const char *start = s;
    while (*s && *s != q && *s != '\n')
        s++;
    if (*s != q)
        return NULL;
    *p = s + 1;
    return ct_intern_n(start, (size_t)(s - start));
}

/* Reads pyproject.toml's [tool.crosstask] table from PATH: `rules` (packs, relative to the file)
 * into O's rule packs, `exclude` into CONF. Returns -1, or an exit status after an error. */
static int read_pyproject(const char *path, struct options *o, struct pyconf *conf)
{
    FILE *fp = fopen(path, "r");
    char line[4096];
    unsigned lineno = 0;
    bool in_table = false;
    const char *key = NULL;
    bool in_array = false;

    if (!fp)
        return -1;
    while (fgets(line, sizeof(line), fp)) {
        const char *p = line;
        lineno++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!in_array && *p == '[') {
            in_table = strncmp(p, "[tool.crosstask]", 16) == 0;
            continue;
        }
        if (!in_table || *p == '#' || *p == '\n' || *p == '\0')
            continue;
        if (!in_array) {
            const char *eq = strchr(p, '=');
            size_t kl = eq ? (size_t)(eq - p) : 0;
            while (kl > 0 && (p[kl - 1] == ' ' || p[kl - 1] == '\t'))
                kl--;
            if (!eq || kl == 0) {
                fprintf(stderr, "%s:%u: error: [tool.crosstask]: expected KEY = VALUE\n", path,
                        lineno);
                fclose(fp);
                return EXIT_USAGE;
            }
            key = ct_intern_n(p, kl);
            if (strcmp(key, "rules") != 0 && strcmp(key, "exclude") != 0) {
                fprintf(stderr, "%s:%u: error: [tool.crosstask]: unknown key '%s' (expected "
                                "rules or exclude)\n", path, lineno, key);
                fclose(fp);
                return EXIT_USAGE;
            }
            p = eq + 1;
            while (*p == ' ' || *p == '\t')
                p++;
            if (*p == '[') {
                in_array = true;
                p++;
            }
        }
        for (;;) {
            const char *v = toml_string(&p);
            if (!v)
                break;
            char buf[PATH_MAX];
            if (strcmp(key, "rules") == 0) {
                if (v[0] == '/')
                    snprintf(buf, sizeof(buf), "%s", v);
                else
                    snprintf(buf, sizeof(buf), "%s/%s", conf->dir, v);
                const char *r = ct_intern(buf);
                if (!r || !push_str(&o->rules, &o->nrules, &o->caprules, r))
                    break;
            } else if (!push_str(&conf->exclude, &conf->nexclude, &conf->capexclude, v)) {
                break;
            }
            while (*p == ' ' || *p == '\t' || *p == ',')
                p++;
            if (!in_array)
                break;
        }
        if (in_array && strchr(p, ']'))
            in_array = false;
    }
    fclose(fp);
    return -1;
}

/* Whether input PATH is a folder to walk: a directory not named like a source file (a folder
 * called x.c given as a FILE stays an input, and an error). */
static bool is_project_dir(const char *path)
{
    static const char *const exts[] = {".c", ".cc", ".cpp", ".cxx", ".h", ".hpp", ".py", NULL};
    struct stat sb;
    size_t n = strlen(path);
    if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return false;
    while (n > 1 && path[n - 1] == '/')
        n--;
    for (int i = 0; exts[i]; i++) {
        size_t e = strlen(exts[i]);
        if (n > e && strncmp(path + n - e, exts[i], e) == 0)
            return false;
    }
    return true;
}

/* Python inputs: the pyproject.toml nearest the first input (its [tool.crosstask] table), and
 * every folder among the inputs replaced by the Python files under it. Returns -1, or an exit
 * status after an error. */
static int python_inputs(struct options *o, struct pyconf *conf)
{
    char dir[PATH_MAX];
    struct stat sb;
    const char **files = NULL;
    size_t n = 0, cap = 0;

    memset(conf, 0, sizeof(*conf));
    if (o->nfiles == 0)
        return -1;
    /* the nearest pyproject.toml with a [tool.crosstask] table, from the first input up */
    if (realpath(o->files[0], dir)) {
        if (stat(dir, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
            char *slash = strrchr(dir, '/');
            if (slash)
                *(slash == dir ? slash + 1 : slash) = '\0';
        }
        for (int up = 0; up < 64 && dir[0]; up++) {
            char path[PATH_MAX + 16];
            snprintf(path, sizeof(path), "%s/pyproject.toml", strcmp(dir, "/") ? dir : "");
            if (stat(path, &sb) == 0) {
                conf->dir = ct_intern(dir);
                int rc = read_pyproject(path, o, conf);
                if (rc >= 0)
                    return rc;
                break;
            }
            char *slash = strrchr(dir, '/');
            if (!slash || slash == dir)
                break;
            *slash = '\0';
        }
    }
    bool any_dir = false;
    for (size_t i = 0; i < o->nfiles; i++)
        any_dir = any_dir || is_project_dir(o->files[i]);
    if (!any_dir)
        return -1;
    for (size_t i = 0; i < o->nfiles; i++) {
        bool ok;
        if (is_project_dir(o->files[i]))
            ok = walk_python(o->files[i], conf, &files, &n, &cap, 0);
        else
            ok = push_str(&files, &n, &cap, o->files[i]);
        if (!ok) {
            free(files);
            return fail_usage("%s", "out of memory");
        }
    }
    free(o->files);
    o->files = files;
    o->nfiles = n;
    o->capfiles = cap;
    return -1;
}

/* Appends to *PATHS every DIR/.../NAME.ctf (regular files; symbolic links to directories are
 * not followed), at most 64 directories deep. Returns 0, CT_ENOMEM, or CT_EIO with errno set
 * when DIR cannot be read. */
static int find_facts(const char *dir, unsigned depth, char ***paths, size_t *n, size_t *cap)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int rc = 0;
    if (!d)
        return CT_EIO;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *p = NULL;
        struct stat sb;
        if (asprintf(&p, "%s/%s", dir, e->d_name) < 0)
            return closedir(d), CT_ENOMEM;
        if (lstat(p, &sb) != 0) {
            free(p);
            continue;
        }
        size_t len = strlen(e->d_name);
        if (S_ISDIR(sb.st_mode) && depth < 64) {
            rc = find_facts(p, depth + 1, paths, n, cap);
            free(p);
            if (rc == CT_EIO)
                rc = 0; /* an unreadable folder inside a build tree: skipped */
        } else if (S_ISREG(sb.st_mode) && len > 4 && strcmp(e->d_name + len - 4, ".ctf") == 0) {
            if (ct_grow((void **)paths, cap, *n + 1, sizeof(**paths)) != 0) {
                free(p);
                rc = CT_ENOMEM;
            } else {
                (*paths)[(*n)++] = p;
            }
        } else {
            free(p);
        }
    }
    closedir(d);
    return rc;
}

/* --- main -------------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    struct options o;
    struct ct_rules rules;
    struct ct_report report;
    struct ct_error err;
    struct ct_compdb db;
    struct ct_cache *cache = NULL;
    struct unit *units = NULL;
    size_t nunits = 0;
    const struct ct_tu_facts **tus = NULL;
    bool use_db = false, filter_files = false;
    char *found_db = NULL, *cache_dir = NULL;
    FILE *out = stdout;
    int status = EXIT_CLEAN, rc;
    double t0 = now(), t_parsed = 0, t_analysed = 0, mb_parsed = 0;
    struct ct_analysis_stats astats;
    char dirbuf[PATH_MAX];
    size_t ncached = 0;
    struct ct_source_cache *src = NULL;
    struct pyconf pyconf;

    /* libclang parses on a thread of its own with an 8 MiB stack unless told not to; our
     * parse workers have 256 MiB, which deeply nested code needs */
    setenv("LIBCLANG_NOTHREADS", "1", 0);
    memset(&o, 0, sizeof(o));
    memset(&pyconf, 0, sizeof(pyconf));
    memset(&astats, 0, sizeof(astats));
    ct_rules_init(&rules);
    ct_report_init(&report);
    ct_compdb_init(&db);
    status = parse_args(argc, argv, &o);
    if (status >= 0)
        goto done;
    if (!o.build_dir && (status = python_inputs(&o, &pyconf)) >= 0)
        goto done;
    status = EXIT_CLEAN;

    /* Rule packs. */
    if (!o.no_default_rules) {
        const char *dir = default_rules_dir(dirbuf, sizeof(dirbuf));
        if (!dir) {
            fputs("crosstask: error: the built-in rule packs were not found (set CROSSTASK_RULES "
                  "or use --no-default-rules with --rules)\n", stderr);
            status = EXIT_USAGE;
            goto done;
        }
        memset(&err, 0, sizeof(err));
        if ((rc = ct_rules_load(&rules, dir, &err)) != 0)
            goto rules_error;
    }
    for (size_t i = 0; i < o.nrules; i++) {
        memset(&err, 0, sizeof(err));
        if ((rc = ct_rules_load(&rules, o.rules[i], &err)) != 0)
            goto rules_error;
    }
    if (o.list_rules) {
        ct_report_write_rule_list(&rules, stdout);
        goto done;
    }
    if (o.explain) {
        if (ct_report_write_explain(o.explain, &rules, stdout) != 0) {
            fprintf(stderr, "crosstask: error: no diagnostic, scope kind or edge named '%s' "
                            "(see --list-rules)\n", o.explain);
            status = EXIT_USAGE;
        }
        goto done;
    }

    if (o.emit_facts) {
        status = emit_facts(&o);
        goto done;
    }

    /* What to parse: a compilation database (-p, or found beside the files), or the files; or
     * nothing, the facts being given (--facts). */
    if (o.facts_dir) {
        char **paths = NULL;
        size_t npaths = 0, cap = 0;
        errno = 0;
        rc = find_facts(o.facts_dir, 0, &paths, &npaths, &cap);
        if (rc == CT_ENOMEM)
            goto oom;
        if (rc != 0 || npaths == 0) {
            fprintf(stderr, "%s: error: %s\n", o.facts_dir,
                    rc != 0 ? strerror(errno ? errno : EIO)
                            : "no facts (*.ctf) found: make them with crosstask --emit-facts");
            for (size_t i = 0; i < npaths; i++)
                free(paths[i]);
            free(paths);
            status = EXIT_USAGE;
            goto done;
        }
        qsort(paths, npaths, sizeof(*paths), cmp_str_ptr);
        units = calloc(npaths + o.nfiles, sizeof(*units));
        rc = units ? 0 : CT_ENOMEM;
        for (size_t i = 0; i < npaths; i++) {
            struct ct_tu_facts *facts = NULL;
            memset(&err, 0, sizeof(err));
            if (rc == 0 && (rc = ct_facts_read_file(paths[i], &facts, &err)) != 0 &&
                rc != CT_ENOMEM)
                fprintf(stderr, "%s: error: %s\n", paths[i], err.msg);
            if (rc == 0) {
                /* one translation unit per source, as -p takes the first entry of each */
                bool dup = false;
                for (size_t k = 0; k < nunits && !dup; k++)
                    dup = units[k].file == facts->file;
                if (dup) {
                    ct_tu_facts_free(facts);
                } else {
                    units[nunits].file = facts->file;
                    units[nunits].facts = facts;
                    nunits++;
                }
            }
            free(paths[i]);
        }
        free(paths);
        if (rc == CT_ENOMEM)
            goto oom;
        if (rc != 0) {
            status = EXIT_USAGE;
            goto done;
        }
        filter_files = o.nfiles > 0;
        for (size_t i = 0; i < o.nfiles; i++) {
            struct stat sb;
            if (stat(o.files[i], &sb) == 0)
                continue;
            units[nunits].file = o.files[i];
            units[nunits].rc = CT_ENOENT;
            ct_error_set(&units[nunits].err, CT_ENOENT, o.files[i], 0, 0, "%s", strerror(errno));
            nunits++;
        }
    } else if (o.build_dir) {
        use_db = true;
    } else if (o.nfiles && !o.have_flags && !ct_is_python_file(o.files[0]) &&
               (found_db = ct_compdb_find(o.files[0])) != NULL) {
        use_db = true;
        o.build_dir = found_db;
    }
    if (!use_db && !o.facts_dir && o.nfiles == 0) {
        status = fail_usage("%s", "no input files (give FILEs, or -p BUILD-DIR)");
        goto done;
    }
    if (o.facts_dir) {
        /* the units are there */
    } else if (use_db) {
        memset(&err, 0, sizeof(err));
        if ((rc = ct_compdb_load(&db, o.build_dir, &err)) != 0) {
            fprintf(stderr, "%s: error: %s\n", err.file ? err.file : o.build_dir, err.msg);
            status = EXIT_USAGE;
            goto done;
        }
        filter_files = o.nfiles > 0;
        units = calloc(db.ncmds + o.nfiles, sizeof(*units));
        if (!units)
            goto oom;
        for (size_t i = 0; i < db.ncmds; i++) {
            units[nunits].file = db.cmds[i].file;
            units[nunits].argv = (const char *const *)db.cmds[i].argv;
            units[nunits].argc = db.cmds[i].argc;
            units[nunits].config = db.cmds[i].config;
            units[nunits].nconfigs = db.cmds[i].nconfigs;
            nunits++;
        }
        if (db.nskipped) {
            fprintf(stderr, "crosstask: note: skipped %zu entr%s of %s that %s not C or C++ "
                            "(assembly or another language):",
                    db.nskipped, db.nskipped == 1 ? "y" : "ies", db.path,
                    db.nskipped == 1 ? "is" : "are");
            for (size_t i = 0; i < db.nskipped && i < 5; i++)
                fprintf(stderr, " %s", db.skipped[i]);
            fprintf(stderr, "%s\n", db.nskipped > 5 ? " ..." : "");
        }
        for (size_t i = 0; i < o.nfiles; i++) {
            /* A FILE the database does not compile (a header, say) only narrows what is
             * reported; one that does not exist is an error, and the rest goes on. */
            struct stat sb;
            if (ct_compdb_lookup(&db, o.files[i]) || stat(o.files[i], &sb) == 0)
                continue;
            units[nunits].file = o.files[i];
            units[nunits].rc = CT_ENOENT;
            ct_error_set(&units[nunits].err, CT_ENOENT, o.files[i], 0, 0, "%s", strerror(errno));
            nunits++;
        }
    } else {
        units = calloc(o.nfiles, sizeof(*units));
        if (!units)
            goto oom;
        for (size_t i = 0; i < o.nfiles; i++) {
            units[nunits].file = o.files[i];
            units[nunits].argv = o.flags;
            units[nunits].argc = o.nflags;
            nunits++;
        }
    }
    if (o.output) {
        out = fopen(o.output, "w");
        if (!out) {
            fprintf(stderr, "crosstask: error: cannot write '%s': %s\n", o.output, strerror(errno));
            out = stdout;
            status = EXIT_USAGE;
            goto done;
        }
    }

    /* The cache: reuse what did not change. */
    if (!o.no_cache && !o.dump && !o.facts_dir) {
        cache_dir = o.cache_dir ? strdup(o.cache_dir) : ct_cache_default_dir();
        if (cache_dir) {
            memset(&err, 0, sizeof(err));
            if (ct_cache_open(&cache, cache_dir, &err) != 0) {
                fprintf(stderr, "crosstask: warning: %s: %s; going on without a cache\n",
                        cache_dir, err.msg);
            } else {
                /* entries from another build of crosstask are not reused */
                struct stat sb;
                unsigned long long salt = 0;
                if (stat("/proc/self/exe", &sb) == 0)
                    salt = (unsigned long long)sb.st_size * 1000003ULL ^
                           (unsigned long long)sb.st_mtim.tv_sec * 1000000007ULL ^
                           (unsigned long long)sb.st_mtim.tv_nsec;
                ct_cache_set_salt(cache, salt);
            }
        }
    }
    /* Nothing changed since the last run with the same inputs: its results are reused whole. */
    unsigned long long program_key = 0;
    bool have_key = cache && !o.dump && program_cache_key(cache, units, nunits, &rules,
                                                            &program_key);
    if (have_key) {
        unsigned char *blob = NULL;
        size_t blen = 0;
        if (ct_cache_load_blob(cache, program_key, &blob, &blen) == 0) {
            struct ct_report saved;
            ct_report_init(&saved);
            if (ct_report_decode(blob, blen, &saved) == 0) {
                ct_report_fini(&report);
                report = saved;
                report.nfiles = nunits;
                ncached = nunits;
                free(blob);
                t_parsed = t_analysed = now();
                goto analysed;
            }
            ct_report_fini(&saved);
        }
        free(blob);
    }
    size_t to_parse = 0;
    for (size_t i = 0; i < nunits; i++)
        to_parse += units[i].rc == 0 && !units[i].facts;

    /* Parse. */
    {
        struct pool pool;
        memset(&pool, 0, sizeof(pool));
        pool.units = units;
        pool.nunits = nunits;
        pool.cache = cache;
        pool.to_parse = to_parse;
        pool.progress = o.progress == 1 || (o.progress == 0 && isatty(STDERR_FILENO));
        pthread_mutex_init(&pool.print_mu, NULL);
        pthread_mutex_init(&pool.merge_mu, NULL);
        /* one configuration only: several compare and swap whole units' facts */
        pool.dedupe = !o.dump && db.nconfigs <= 1;
        if (pool.dedupe && (pool.complete = calloc(nunits ? nunits : 1, sizeof(bool))) != NULL)
            for (size_t i = 0; i < nunits; i++)
                pool.complete[i] = units[i].rc != 0 || units[i].facts != NULL;
        rc = parse_all(&pool, o.jobs);
        ncached = atomic_load(&pool.ncached);
        if (rc == 0 && pool.complete && nunits) {
            /* every unit is complete now (some were given, or failed before parsing) */
            for (size_t i = 0; i < nunits; i++)
                pool.complete[i] = true;
            merge_done(&pool, 0);
        }
        free(pool.complete);
        free(pool.defined);
        pthread_mutex_destroy(&pool.merge_mu);
        pthread_mutex_destroy(&pool.print_mu);
        if (rc != 0)
            goto oom;
    }
    t_parsed = now();
    mb_parsed = peak_mb();
    tus = calloc(nunits ? nunits : 1, sizeof(*tus));
    if (!tus)
        goto oom;
    size_t ntus = 0;
    for (size_t i = 0; i < nunits; i++) {
        struct unit *u = &units[i];
        if (u->rc != 0) {
            ct_report_add_error(&report, u->file, u->err.line, u->err.col,
                                u->err.msg[0] ? u->err.msg : ct_strerror(u->rc));
            continue;
        }
        for (size_t e = 0; e < u->facts->nerrors; e++) {
            const struct ct_tu_error *te = &u->facts->errors[e];
            ct_report_add_error(&report, te->loc.file ? te->loc.file : u->file, te->loc.line,
                                te->loc.col, te->message);
        }
        if (u->config == 0)
            tus[ntus++] = u->facts; /* the program as each file's first entry builds it */
    }
    report.nfiles = nunits;

    if (o.dump && strcmp(o.dump, "facts") == 0) {
        for (size_t i = 0; i < ntus; i++)
            ct_tu_facts_dump(tus[i], write_to_file, out);
        goto done;
    }
    if (o.dump && strcmp(o.dump, "tasks") == 0) {
        if (ct_dump_tasks(tus, ntus, &rules, write_to_file, out) != 0)
            goto oom;
        goto done;
    }

    {
        struct ct_analysis_opts aopts;
        memset(&aopts, 0, sizeof(aopts));
        if (o.progress == 1 || (o.progress == 0 && isatty(STDERR_FILENO)))
            aopts.progress = analysis_progress;
        rc = ct_analyze_ex(tus, ntus, &rules, &aopts, &report, &astats);
        /* A file the database compiles with several sets of flags (zstd: a single-threaded
         * static library, then a multi-threaded shared one): the program is analysed once per
         * configuration, each file with its K-th set of flags where it has one (else its
         * first); a finding at an exit site already reported is not reported again. */
        for (unsigned k = 1; rc == 0 && k < db.nconfigs; k++) {
            if (!config_differs(units, nunits, k))
                continue;
            size_t nfunctions = report.nfunctions, nunreached = report.nunreached;
            ntus = 0;
            for (size_t i = 0; i < nunits; i++) {
                const struct unit *u = &units[i];
                if (u->rc == 0 && u->config == (k < u->nconfigs ? k : 0))
                    tus[ntus++] = u->facts;
            }
            rc = ct_analyze_ex(tus, ntus, &rules, &aopts, &report, NULL);
            report.nfunctions = nfunctions;
            report.nunreached = nunreached;
        }
    }
    t_analysed = now();
    if (rc != 0) {
        fprintf(stderr, "crosstask: error: analysis failed: %s\n", ct_strerror(rc));
        status = EXIT_USAGE;
        goto done;
    }
    if (cache && program_key_of(units, nunits, &rules, &program_key)) {
        unsigned char *blob = NULL;
        size_t blen = 0;
        struct ct_error ignored;
        if (ct_report_encode(&report, &blob, &blen) == 0)
            (void)ct_cache_store_blob(cache, program_key, blob, blen, &ignored);
        free(blob);
    }
analysed:
    {
        /* NOLINT comments in the sources */
        const char **files = calloc(nunits ? nunits : 1, sizeof(*files));
        if (!files)
            goto oom;
        for (size_t i = 0; i < nunits; i++)
            files[i] = units[i].file;
        memset(&err, 0, sizeof(err));
        rc = ct_suppress_apply(&report, files, nunits, &err);
        free(files);
        if (rc != 0)
            goto oom;
    }
    if (filter_files)
        keep_touching(&report, o.files, o.nfiles);
    relativize(&report);
    ct_report_sort(&report);
    if (!(src = ct_source_cache_new()))
        goto oom;
    if (o.write_baseline) {
        memset(&err, 0, sizeof(err));
        if ((rc = ct_baseline_write(&report, src, o.write_baseline, &err)) != 0)
            goto baseline_error;
        fprintf(stderr, "crosstask: wrote %zu finding%s to the baseline %s\n", report.nfindings,
                report.nfindings == 1 ? "" : "s", o.write_baseline);
    }
    if (o.baseline) {
        memset(&err, 0, sizeof(err));
        if ((rc = ct_baseline_filter(&report, src, o.baseline, NULL, &err)) != 0)
            goto baseline_error;
    }
    report.seconds = now() - t0;
    if (o.format == FORMAT_JSON)
        rc = ct_report_write_json(&report, out);
    else if (o.format == FORMAT_SARIF)
        rc = ct_report_write_sarif(&report, &rules, src, out);
    else
        rc = ct_report_write_text(&report, out, stderr);
    if (rc != 0 || fflush(out) != 0) {
        fprintf(stderr, "crosstask: error: cannot write the report: %s\n", strerror(errno));
        status = EXIT_USAGE;
        goto done;
    }
    if (o.stats) {
        fprintf(stderr,
                "crosstask: %zu files (%zu from the cache), parse %.3f s, analysis %.3f s "
                "(%.1f%% of parse)",
                nunits, ncached, t_parsed - t0, t_analysed - t_parsed,
                t_parsed > t0 ? 100.0 * (t_analysed - t_parsed) / (t_parsed - t0) : 0.0);
        if (astats.functions)
            fprintf(stderr, "; %zu functions analysed, %zu over budget, %zu with a capped summary, "
                            "%zu specialised to their callbacks",
                    astats.functions, astats.over_budget, astats.capped, astats.specialised);
        if (report.nfunctions)
            fprintf(stderr, "; %zu of %zu functions reached by no task (nothing in the program "
                            "calls them and no rule starts them)",
                    report.nunreached, report.nfunctions);
        if (mb_parsed > 0)
            fprintf(stderr, "; peak memory %.0f MB after the parse, %.0f MB in all", mb_parsed,
                    peak_mb());
        fputc('\n', stderr);
    }
    if (report.nerrors)
        explain_partial(&report, nunits);
    status = report.nerrors ? EXIT_PARTIAL : report.nfindings ? EXIT_FINDINGS : EXIT_CLEAN;
    goto done;

oom:
    fputs("crosstask: error: out of memory\n", stderr);
    status = EXIT_USAGE;
    goto done;

baseline_error:
rules_error:
    if (err.file && err.line)
        fprintf(stderr, "%s:%u:%u: error: %s\n", err.file, err.line, err.col, err.msg);
    else if (err.file)
        fprintf(stderr, "%s: error: %s\n", err.file, err.msg);
    else
        fprintf(stderr, "crosstask: error: %s\n", err.msg[0] ? err.msg : ct_strerror(rc));
    status = EXIT_USAGE;

done:
    if (out != stdout && fclose(out) != 0 && status != EXIT_USAGE) {
        fprintf(stderr, "crosstask: error: cannot write '%s': %s\n", o.output, strerror(errno));
        status = EXIT_USAGE;
    }
    free(tus);
    for (size_t i = 0; units && i < nunits; i++)
        ct_tu_facts_free(units[i].facts);
    free(units);
    ct_cache_close(cache);
    free(cache_dir);
    free(found_db);
    ct_compdb_fini(&db);
    ct_source_cache_free(src);
    ct_report_fini(&report);
    ct_rules_fini(&rules);
    free(o.rules);
    free(o.files);
    free(pyconf.exclude);
    ct_intern_shutdown();
    ct_ops_shutdown();
    return status;
}
