/* cli.c - the crosstask command: options, rule packs, parsing the inputs in parallel, analysis,
 * the report, and the exit status. The only module that prints to the terminal or exits. */
#include "ct.h"
#include "facts.h"
#include "rules.h"
#include "frontend.h"
#include "taskgraph.h"
#include "analysis.h"
#include "report.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_PARTIAL = 3 };

enum format { FORMAT_TEXT, FORMAT_JSON };

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
    const char **files;
    size_t nfiles, capfiles;
    const char **flags;
    int nflags;
};

static void usage(FILE *out)
{
    fputs("usage: crosstask [OPTIONS] FILE... [-- COMPILER-FLAGS...]\n"
          "\n"
          "Finds scopes (locks, cancel state, locales, exit stacks) entered in one task or\n"
          "thread and exited in another.\n"
          "\n"
          "options:\n"
          "  -f, --format text|json   output format (default: text)\n"
          "  -o, --output FILE        write the report to FILE instead of standard output\n"
          "  -r, --rules PATH         a rule pack, or a folder of them; repeatable\n"
          "      --no-default-rules   do not load the built-in rule packs\n"
          "  -j, --jobs N             parse N files at once (default: the number of cores)\n"
          "      --list-rules         list the diagnostics, scope kinds and edges known\n"
          "      --explain ID         explain a diagnostic or scope kind\n"
          "      --dump=facts|tasks   print the facts or the task graph (for debugging)\n"
          "      --stats              print parse and analysis times on standard error\n"
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
#define VALUE_OF(shortopt, longopt)                                                         \
    ((strcmp(a, shortopt) == 0 || strcmp(a, longopt) == 0)                                  \
         ? (i + 1 < argc ? (val = argv[++i], true) : (val = NULL, true))                    \
         : (strncmp(a, longopt "=", sizeof(longopt)) == 0 ? (val = a + sizeof(longopt), true) \
                                                           : false))
        if (strcmp(a, "--") == 0) {
            o->flags = (const char **)argv + i + 1;
            o->nflags = argc - i - 1;
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
                return fail_usage("format '%s' is not available yet; use text or json", val);
            else
                return fail_usage("unknown format '%s' (expected text or json)", val);
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
        } else if (strcmp(a, "-p") == 0 || strncmp(a, "--cache", 7) == 0 ||
                   strcmp(a, "--no-cache") == 0 || strncmp(a, "--baseline", 10) == 0 ||
                   strncmp(a, "--write-baseline", 16) == 0) {
            return fail_usage("option '%s' is not available in this version yet", a);
        } else if (strncmp(a, "--progress", 10) == 0) {
            if (strcmp(a, "--progress") == 0 && i + 1 < argc)
                i++; /* accepted; nothing long-running to show yet */
        } else if (a[0] == '-' && a[1] != '\0') {
            return fail_usage("unknown option '%s'", a);
        } else {
            if (!push_str(&o->files, &o->nfiles, &o->capfiles, a))
                return fail_usage("%s", "out of memory");
        }
#undef VALUE_OF
    }
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

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- parallel parsing -------------------------------------------------------------------- */

struct job {
    int rc;
    struct ct_error err;
    struct ct_tu_facts *facts;
};

struct pool {
    const struct options *o;
    struct job *jobs;
    atomic_size_t next;
    int oom;
};

static void *parse_worker(void *arg)
{
    struct pool *pool = arg;
    struct ct_frontend *fe = ct_frontend_new();
    if (!fe) {
        pool->oom = 1;
        return NULL;
    }
    for (;;) {
        size_t i = atomic_fetch_add(&pool->next, 1);
        if (i >= pool->o->nfiles)
            break;
        struct job *j = &pool->jobs[i];
        j->rc = ct_frontend_parse(fe, pool->o->files[i], pool->o->flags, pool->o->nflags,
                                  &j->facts, &j->err);
    }
    ct_frontend_free(fe);
    return NULL;
}

/* Parses every file on up to O->jobs threads, each with a large stack for deep nesting. */
static int parse_all(const struct options *o, struct job *jobs)
{
    struct pool pool = {o, jobs, 0, 0};
    int n = o->jobs < (int)o->nfiles ? o->jobs : (int)o->nfiles;
    pthread_t *threads = calloc((size_t)(n > 0 ? n : 1), sizeof(*threads));
    pthread_attr_t attr;
    int started = 0;

    if (!threads)
        return CT_ENOMEM;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, (size_t)256 << 20);
    for (int i = 0; i < n; i++) {
        if (pthread_create(&threads[i], &attr, parse_worker, &pool) != 0)
            break;
        started++;
    }
    pthread_attr_destroy(&attr);
    if (started == 0 && n > 0)
        parse_worker(&pool);
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    free(threads);
    return pool.oom ? CT_ENOMEM : 0;
}

static int write_to_file(const char *text, void *out)
{
    return fputs(text, out);
}

int main(int argc, char **argv)
{
    struct options o;
    struct ct_rules rules;
    struct ct_report report;
    struct ct_error err;
    struct job *jobs = NULL;
    FILE *out = stdout;
    int status = EXIT_CLEAN, rc;
    double t0 = now(), t_parsed = 0, t_analysed = 0;
    char dirbuf[PATH_MAX];

    memset(&o, 0, sizeof(o));
    ct_rules_init(&rules);
    ct_report_init(&report);
    status = parse_args(argc, argv, &o);
    if (status >= 0)
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
    if (o.nfiles == 0) {
        status = fail_usage("%s", "no input files");
        goto done;
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

    /* Parse. */
    jobs = calloc(o.nfiles, sizeof(*jobs));
    if (!jobs || parse_all(&o, jobs) != 0) {
        fputs("crosstask: error: out of memory\n", stderr);
        status = EXIT_USAGE;
        goto done;
    }
    t_parsed = now();
    const struct ct_tu_facts **tus = calloc(o.nfiles, sizeof(*tus));
    size_t ntus = 0;
    if (!tus) {
        fputs("crosstask: error: out of memory\n", stderr);
        status = EXIT_USAGE;
        goto done;
    }
    for (size_t i = 0; i < o.nfiles; i++) {
        struct job *j = &jobs[i];
        if (j->rc != 0) {
            ct_report_add_error(&report, o.files[i], 0, 0, j->err.msg[0] ? j->err.msg
                                                                         : ct_strerror(j->rc));
            continue;
        }
        for (size_t e = 0; e < j->facts->nerrors; e++) {
            const struct ct_tu_error *te = &j->facts->errors[e];
            ct_report_add_error(&report, te->loc.file ? te->loc.file : o.files[i], te->loc.line,
                                te->loc.col, te->message);
        }
        tus[ntus++] = j->facts;
    }
    report.nfiles = o.nfiles;

    if (o.dump && strcmp(o.dump, "facts") == 0) {
        for (size_t i = 0; i < ntus; i++)
            ct_tu_facts_dump(tus[i], write_to_file, out);
        free(tus);
        goto done;
    }
    if (o.dump && strcmp(o.dump, "tasks") == 0) {
        if (ct_dump_tasks(tus, ntus, &rules, write_to_file, out) != 0)
            fputs("crosstask: error: out of memory\n", stderr);
        free(tus);
        goto done;
    }

    rc = ct_analyze(tus, ntus, &rules, &report);
    free(tus);
    t_analysed = now();
    if (rc != 0) {
        fprintf(stderr, "crosstask: error: analysis failed: %s\n", ct_strerror(rc));
        status = EXIT_USAGE;
        goto done;
    }
    ct_report_sort(&report);
    report.seconds = now() - t0;
    if (o.format == FORMAT_JSON)
        rc = ct_report_write_json(&report, out);
    else
        rc = ct_report_write_text(&report, out, stderr);
    if (rc != 0 || fflush(out) != 0) {
        fprintf(stderr, "crosstask: error: cannot write the report: %s\n", strerror(errno));
        status = EXIT_USAGE;
        goto done;
    }
    if (o.stats)
        fprintf(stderr, "crosstask: %zu files, parse %.3f s, analysis %.3f s (%.1f%% of parse)\n",
                o.nfiles, t_parsed - t0, t_analysed - t_parsed,
                t_parsed > t0 ? 100.0 * (t_analysed - t_parsed) / (t_parsed - t0) : 0.0);
    status = report.nerrors ? EXIT_PARTIAL : report.nfindings ? EXIT_FINDINGS : EXIT_CLEAN;
    goto done;

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
    for (size_t i = 0; jobs && i < o.nfiles; i++)
        ct_tu_facts_free(jobs[i].facts);
    free(jobs);
    ct_report_fini(&report);
    ct_rules_fini(&rules);
    free(o.rules);
    free(o.files);
    ct_intern_shutdown();
    return status;
}
