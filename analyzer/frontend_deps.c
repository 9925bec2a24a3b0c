/* frontend_deps.c - what a parsed translation unit depends on: the files it read (libclang's
 * inclusions) and the paths where a header was looked up and not found, so that a cached result
 * is dropped when a header appears that would be found first, or a missing one is installed.
 *
 * The search follows clang's order: for #include "x" the includer's own directory, then -iquote;
 * then -I, -isystem, the compiler's default directories (learned once per kind of flags from
 * libclang's -v output) and -idirafter. For each #include (its spelling read from the includer
 * at the directive's offset) the candidates are the directories tried before the one where the
 * header was found; for a missing header, every directory. Only candidates that do not exist are
 * kept: a wrong guess can cost a needless re-parse, never a stale result. It must never print or
 * exit (the probe borrows file descriptor 2 for the length of one tiny parse, under a lock). */
#include "frontend_deps.h"

#include <clang-c/Index.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#define MAX_DIRS 512        /* search directories kept per translation unit */
#define SPELL_MAX 1024      /* longest #include spelling read */

/* --- memo tables ------------------------------------------------------------------------- */

struct spell_slot {
    const char *includer; /* interned; NULL when empty */
    unsigned offset;
    const char *spelled;  /* interned: '<' or '"' then the name; "" when unknown */
};

struct path_slot {
    const char *path;     /* interned; NULL when empty */
    bool exists;
    unsigned stamp;       /* the translation unit that last listed it as absent */
};

struct ct_deps_memo {
    struct spell_slot *spells;
    size_t nspells, capspells;
    struct path_slot *paths;
    size_t npaths, cappaths;
    unsigned stamp;
};

struct ct_deps_memo *ct_deps_memo_new(void)
{
    return calloc(1, sizeof(struct ct_deps_memo));
}

void ct_deps_memo_free(struct ct_deps_memo *memo)
{
    if (!memo)
        return;
    free(memo->spells);
    free(memo->paths);
    free(memo);
}

static size_t ptr_hash(const void *p, unsigned extra)
{
    unsigned long long h = ct_hash(CT_HASH_INIT, &p, sizeof(p));
    return (size_t)ct_hash(h, &extra, sizeof(extra));
}

static struct spell_slot *spell_slot(struct ct_deps_memo *m, const char *includer,
                                     unsigned offset)
{
    if ((m->nspells + 1) * 2 > m->capspells) {
        size_t ncap = m->capspells ? m->capspells * 2 : 1024;
        struct spell_slot *nv = calloc(ncap, sizeof(*nv));
        if (!nv)
            return NULL;
        for (size_t i = 0; i < m->capspells; i++) {
            if (!m->spells[i].includer)
                continue;
            size_t j = ptr_hash(m->spells[i].includer, m->spells[i].offset) & (ncap - 1);
            while (nv[j].includer)
                j = (j + 1) & (ncap - 1);
            nv[j] = m->spells[i];
        }
        free(m->spells);
        m->spells = nv;
        m->capspells = ncap;
    }
    size_t j = ptr_hash(includer, offset) & (m->capspells - 1);
    while (m->spells[j].includer &&
           (m->spells[j].includer != includer || m->spells[j].offset != offset))
        j = (j + 1) & (m->capspells - 1);
    return &m->spells[j];
}

static struct path_slot *path_slot(struct ct_deps_memo *m, const char *path)
{
    if ((m->npaths + 1) * 2 > m->cappaths) {
        size_t ncap = m->cappaths ? m->cappaths * 2 : 1024;
        struct path_slot *nv = calloc(ncap, sizeof(*nv));
        if (!nv)
            return NULL;
        for (size_t i = 0; i < m->cappaths; i++) {
            if (!m->paths[i].path)
                continue;
            size_t j = ptr_hash(m->paths[i].path, 0) & (ncap - 1);
            while (nv[j].path)
                j = (j + 1) & (ncap - 1);
            nv[j] = m->paths[i];
        }
        free(m->paths);
        m->paths = nv;
        m->cappaths = ncap;
    }
    size_t j = ptr_hash(path, 0) & (m->cappaths - 1);
    while (m->paths[j].path && m->paths[j].path != path)
        j = (j + 1) & (m->cappaths - 1);
    return &m->paths[j];
}

/* --- paths ------------------------------------------------------------------------------- */

/* P with "." and ".." segments and repeated slashes folded lexically, into OUT (SIZE bytes).
 * False when it does not fit. */
static bool fold(const char *p, char *out, size_t size)
{
    size_t len = 0;
    bool abs = *p == '/';
    if (size < 2)
        return false;
    if (abs)
        out[len++] = '/';
    while (*p) {
        while (*p == '/')
            p++;
        const char *e = p;
        while (*e && *e != '/')
            e++;
        size_t seg = (size_t)(e - p);
        if (seg == 0)
            break;
        if (seg == 1 && p[0] == '.') {
            /* nothing */
        } else if (seg == 2 && p[0] == '.' && p[1] == '.' && len > (abs ? 1u : 0u) &&
                   !(len >= 2 && out[len - 1] == '.' && out[len - 2] == '.' &&
                     (len == 2 || out[len - 3] == '/'))) {
            while (len > (abs ? 1u : 0u) && out[len - 1] != '/')
                len--;
            if (len > (abs ? 1u : 0u))
                len--;
        } else {
            if (len > 0 && out[len - 1] != '/')
                out[len++] = '/';
            if (len + seg + 1 > size)
                return false;
            memcpy(out + len, p, seg);
            len += seg;
        }
        p = e;
    }
    if (len == 0)
        out[len++] = '.';
    out[len] = '\0';
    return true;
}

/* DIR/NAME into OUT; false when it does not fit. */
static bool join(const char *dir, const char *name, char *out, size_t size)
{
    int n = snprintf(out, size, "%s/%s", dir, name);
    return n > 0 && (size_t)n < size;
}

/* The directory of FILE, interned ("." for a bare name). */
static const char *dir_of(const char *file)
{
    const char *slash = strrchr(file, '/');
    if (!slash)
        return ct_intern(".");
    if (slash == file)
        return ct_intern("/");
    return ct_intern_n(file, (size_t)(slash - file));
}

/* --- the search directories ----------------------------------------------------------------- */

struct chain {
    const char *v[MAX_DIRS];
    unsigned n;
    unsigned nquote;  /* v[0..nquote) are searched for #include "x" only */
};

static void chain_add(struct chain *c, const char *dir)
{
    if (dir && c->n < MAX_DIRS)
        c->v[c->n++] = dir;
}

/* The value of flag FLAG at ARGS[*I] (-Ifoo, -I foo, or FLAG=foo when EQ), advancing *I past a
 * separate value; NULL when ARGS[*I] is not FLAG. */
static const char *flag_value(const char *const *args, int nargs, int *i, const char *flag,
                              bool joined, bool eq)
{
    const char *a = args[*i];
    size_t n = strlen(flag);
    if (strncmp(a, flag, n) != 0)
        return NULL;
    if (a[n] == '\0') {
        if (*i + 1 >= nargs)
            return NULL;
        return args[++*i];
    }
    if (eq && a[n] == '=')
        return a + n + 1;
    return joined ? a + n : NULL;
}

/* DIR made relative to WD when WD is set and DIR is relative; interned. */
static const char *resolve(const char *dir, const char *wd)
{
    char buf[4096];
    if (dir[0] == '/' || !wd)
        return ct_intern(dir);
    if (!join(wd, dir, buf, sizeof(buf)))
        return NULL;
    return ct_intern(buf);
}

/* --- the compiler's default directories ----------------------------------------------------- */

struct probe {
    unsigned long long key;
    const char **dirs;  /* interned */
    unsigned n;
};

static pthread_mutex_t probe_mu = PTHREAD_MUTEX_INITIALIZER;
static struct probe probes[64];
static unsigned nprobes;

/* Reads the "#include <...> search starts here:" list from libclang's -v output in TEXT. */
static void parse_search_list(char *text, struct probe *p)
{
    char *line = strstr(text, "#include <...> search starts here:");
    if (!line)
        return;
    line = strchr(line, '\n');
    while (line && p->n < MAX_DIRS) {
        char *s = line + 1, *e = strchr(s, '\n');
        if (!e || *s != ' ')
            break;
        *e = '\0';
        const char *fw = " (framework directory)";
        size_t len = strlen(s + 1), fwlen = strlen(fw);
        if (!(len > fwlen && strcmp(s + 1 + len - fwlen, fw) == 0)) {
            const char **nv = realloc(p->dirs, (p->n + 1) * sizeof(*nv));
            if (!nv)
                break;
            p->dirs = nv;
            if ((p->dirs[p->n] = ct_intern(s + 1)) != NULL)
                p->n++;
        }
        line = e;
    }
}

/* Parses an empty file with ARGS and -v, catching what libclang writes to descriptor 2. */
static void run_probe(CXIndex index, const char *ext, const char **args, int nargs,
                      struct probe *p)
{
    char name[64];
    snprintf(name, sizeof(name), "/crosstask-include-probe%s", ext);
    struct CXUnsavedFile uf = {name, "", 0};
    FILE *tmp = tmpfile();
    if (!tmp)
        return;
    fflush(NULL);
    int saved = dup(STDERR_FILENO);
    if (saved < 0 || dup2(fileno(tmp), STDERR_FILENO) < 0) {
        if (saved >= 0)
            close(saved);
        fclose(tmp);
        return;
    }
    CXTranslationUnit tu = NULL;
    args[nargs] = "-v";
    if (clang_parseTranslationUnit2(index, name, args, nargs + 1, &uf, 1,
                                    CXTranslationUnit_None, &tu) == CXError_Success && tu)
        clang_disposeTranslationUnit(tu);
    dup2(saved, STDERR_FILENO);
    close(saved);
    off_t size = lseek(fileno(tmp), 0, SEEK_END);
    if (size > 0 && size < (1L << 20)) {
        char *text = malloc((size_t)size + 1);
        if (text && pread(fileno(tmp), text, (size_t)size, 0) == (ssize_t)size) {
            text[size] = '\0';
            parse_search_list(text, p);
        }
        free(text);
    }
    fclose(tmp);
}

static bool starts(const char *a, const char *prefix)
{
    return strncmp(a, prefix, strlen(prefix)) == 0;
}

/* The compiler's default include directories for FILE parsed with ARGS (they depend on the
 * language, the target, the sysroot and the -nostdinc family). Learned once per kind, under a
 * lock; stored in *DIRS, *N (interned, owned by the table). */
static void default_dirs(CXIndex index, const char *file, const char *const *args, int nargs,
                         const char *const **dirs, unsigned *n)
{
    const char *pargs[72];
    int np = 0;
    const char *wd = NULL;
    bool needs_wd = false;
    const char *dot = strrchr(file, '.'), *slash = strrchr(file, '/');
    const char *ext = dot && (!slash || dot > slash) && strlen(dot) < 16 ? dot : ".c";
    unsigned long long key = ct_hash(CT_HASH_INIT, ext, strlen(ext) + 1);

    *dirs = NULL;
    *n = 0;
    for (int i = 0; i < nargs && np < 62; i++) {
        const char *a = args[i];
        bool two = false;
        if (strcmp(a, "-working-directory") == 0 && i + 1 < nargs) {
            wd = args[++i];
            continue;
        }
        if (starts(a, "-working-directory=")) {
            wd = a + strlen("-working-directory=");
            continue;
        }
        if (strcmp(a, "-x") == 0 || strcmp(a, "-target") == 0 || strcmp(a, "--sysroot") == 0 ||
            strcmp(a, "-isysroot") == 0 || strcmp(a, "-resource-dir") == 0) {
            two = i + 1 < nargs;
            needs_wd |= a[1] != 'x' && a[1] != 't';
        } else if (!(starts(a, "-x") || starts(a, "-nostdinc") || starts(a, "-nostdlibinc") ||
                     starts(a, "-nobuiltininc") || starts(a, "--sysroot=") ||
                     starts(a, "-isysroot") || starts(a, "--target=") || starts(a, "-stdlib=") ||
                     starts(a, "--gcc-toolchain=") || starts(a, "-resource-dir=") ||
                     strcmp(a, "-m32") == 0 || strcmp(a, "-m64") == 0 ||
                     strcmp(a, "-mx32") == 0)) {
            continue;
        } else if (starts(a, "--sysroot=") || starts(a, "-isysroot") ||
                   starts(a, "-resource-dir=") || starts(a, "--gcc-toolchain=")) {
            needs_wd = true;
        }
        pargs[np++] = a;
        key = ct_hash(key, a, strlen(a) + 1);
        if (two) {
            pargs[np++] = args[++i];
            key = ct_hash(key, args[i], strlen(args[i]) + 1);
        }
    }
    if (needs_wd && wd) {
        pargs[np++] = "-working-directory";
        pargs[np++] = wd;
        key = ct_hash(key, wd, strlen(wd) + 1);
    }
    pthread_mutex_lock(&probe_mu);
    for (unsigned i = 0; i < nprobes; i++) {
        if (probes[i].key == key) {
            *dirs = probes[i].dirs;
            *n = probes[i].n;
            pthread_mutex_unlock(&probe_mu);
            return;
        }
    }
    if (nprobes < sizeof(probes) / sizeof(probes[0])) {
        struct probe *p = &probes[nprobes++];
        memset(p, 0, sizeof(*p));
        p->key = key;
        run_probe(index, ext, pargs, np, p);
        *dirs = p->dirs;
        *n = p->n;
    }
    pthread_mutex_unlock(&probe_mu);
}

/* The search of one translation unit: includer's directory aside, in clang's order. */
static void build_chain(CXIndex index, const char *file, const char *const *args, int nargs,
                        struct chain *c)
{
    const char *wd = NULL;
    const char *quote[MAX_DIRS], *angled[MAX_DIRS], *sys[MAX_DIRS], *after[MAX_DIRS];
    unsigned nq = 0, na = 0, ns = 0, nafter = 0;

    for (int i = 0; i + 1 < nargs; i++)
        if (strcmp(args[i], "-working-directory") == 0)
            wd = args[i + 1];
    for (int i = 0; i < nargs; i++)
        if (starts(args[i], "-working-directory="))
            wd = args[i] + strlen("-working-directory=");
    for (int i = 0; i < nargs; i++) {
        const char *v;
        if ((v = flag_value(args, nargs, &i, "-iquote", true, false)) != NULL) {
            if (nq < MAX_DIRS)
                quote[nq++] = resolve(v, wd);
        } else if ((v = flag_value(args, nargs, &i, "-isystem", true, false)) != NULL ||
                   (v = flag_value(args, nargs, &i, "-cxx-isystem", true, false)) != NULL) {
            if (ns < MAX_DIRS)
                sys[ns++] = resolve(v, wd);
        } else if ((v = flag_value(args, nargs, &i, "-idirafter", true, false)) != NULL ||
                   (v = flag_value(args, nargs, &i, "--include-directory-after", false,
                                   true)) != NULL) {
            if (nafter < MAX_DIRS)
                after[nafter++] = resolve(v, wd);
        } else if ((v = flag_value(args, nargs, &i, "--include-directory", false, true)) !=
                       NULL ||
                   ((strcmp(args[i], "-I-") != 0) &&
                    (v = flag_value(args, nargs, &i, "-I", true, false)) != NULL)) {
            if (na < MAX_DIRS)
                angled[na++] = resolve(v, wd);
        }
    }
    c->n = 0;
    for (unsigned i = 0; i < nq; i++)
        chain_add(c, quote[i]);
    c->nquote = c->n;
    for (unsigned i = 0; i < na; i++)
        chain_add(c, angled[i]);
    for (unsigned i = 0; i < ns; i++)
        chain_add(c, sys[i]);
    const char *const *defs;
    unsigned ndefs;
    default_dirs(index, file, args, nargs, &defs, &ndefs);
    for (unsigned i = 0; i < ndefs; i++)
        chain_add(c, defs[i]);
    for (unsigned i = 0; i < nafter; i++)
        chain_add(c, after[i]);
}

/* --- inclusions ---------------------------------------------------------------------------- */

struct inclusion {
    const char *file;      /* what was included (interned) */
    const char *includer;  /* where the directive is (interned) */
    unsigned offset;       /* of the directive's file name in INCLUDER */
};

struct walk {
    const char *wd;          /* -working-directory: relative paths clang reports are under it */
    const char **deps;
    size_t ndeps, capdeps;
    struct inclusion *incs;
    size_t nincs, capincs;
    const char **absent;
    size_t nabsent, capabsent;
    bool oom;
};

static const char *intern_cx(CXString s)
{
    const char *c = clang_getCString(s);
    const char *r = c ? ct_intern(c) : NULL;
    clang_disposeString(s);
    return r;
}

static void visit_inclusion(CXFile included, CXSourceLocation *stack, unsigned depth,
                            CXClientData data)
{
    struct walk *w = data;
    const char *s = intern_cx(clang_getFileName(included));
    if (s && w->wd && s[0] != '/')
        s = resolve(s, w->wd);
    if (!s) {
        w->oom = true;
        return;
    }
    bool seen = false;
    for (size_t i = 0; i < w->ndeps && !seen; i++)
        seen = w->deps[i] == s;
    if (!seen) {
        const char **d = CT_PUSH(w->deps, w->ndeps, w->capdeps);
        if (!d) {
            w->oom = true;
            return;
        }
        *d = s;
    }
    if (depth == 0)
        return;
    CXFile f = NULL;
    unsigned line, col, offset;
    clang_getExpansionLocation(stack[0], &f, &line, &col, &offset);
    const char *includer = f ? intern_cx(clang_getFileName(f)) : NULL;
    if (!includer)
        return; /* -include FILE, from the command line */
    if (w->wd && includer[0] != '/' && !(includer = resolve(includer, w->wd))) {
        w->oom = true;
        return;
    }
    struct inclusion *in = CT_PUSH(w->incs, w->nincs, w->capincs);
    if (!in) {
        w->oom = true;
        return;
    }
    in->file = s;
    in->includer = includer;
    in->offset = offset;
}

/* The directive's file name as written at OFFSET in INCLUDER: '"' or '<', then the name;
 * "" when it is not there (spelled by a macro, or unreadable). Memoised. */
static const char *spelling(struct ct_deps_memo *m, const char *includer, unsigned offset)
{
    struct spell_slot *slot = spell_slot(m, includer, offset);
    if (slot && slot->includer)
        return slot->spelled;
    char buf[SPELL_MAX + 1];
    const char *result = "";
    int fd = open(includer, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ssize_t n = pread(fd, buf, SPELL_MAX, (off_t)offset);
        close(fd);
        if (n > 1 && (buf[0] == '"' || buf[0] == '<')) {
            char close_ch = buf[0] == '"' ? '"' : '>';
            char *end = memchr(buf + 1, close_ch, (size_t)n - 1);
            char *nl = memchr(buf + 1, '\n', (size_t)n - 1);
            if (end && (!nl || end < nl) && end > buf + 1)
                result = ct_intern_n(buf, (size_t)(end - buf));
        }
    }
    if (!result)
        return NULL;
    if (slot) {
        slot->includer = includer;
        slot->offset = offset;
        slot->spelled = result;
        m->nspells++;
    }
    return result;
}

/* Records PATH as looked up and not found, when it does not exist. */
static void consider(struct ct_deps_memo *m, struct walk *w, const char *dir, const char *name)
{
    char buf[4096];
    if (!join(dir, name, buf, sizeof(buf)))
        return;
    const char *path = ct_intern(buf);
    if (!path) {
        w->oom = true;
        return;
    }
    struct path_slot *slot = path_slot(m, path);
    struct stat sb;
    bool exists;
    if (slot && slot->path) {
        exists = slot->exists;
        if (slot->stamp == m->stamp)
            return; /* listed already */
    } else {
        exists = stat(path, &sb) == 0;
        if (slot) {
            slot->path = path;
            slot->exists = exists;
            m->npaths++;
        }
    }
    if (exists)
        return;
    if (slot)
        slot->stamp = m->stamp;
    const char **a = CT_PUSH(w->absent, w->nabsent, w->capabsent);
    if (!a) {
        w->oom = true;
        return;
    }
    *a = path;
}

/* The candidates of one #include of NAME resolved to FOUND (NULL when missing), searched in
 * LIST[0..N): the directories before the one FOUND is in, or all of them. */
static void candidates(struct ct_deps_memo *m, struct walk *w, const char *const *list,
                       unsigned n, const char *name, const char *found)
{
    char want[4096], got[4096], buf[4096];
    unsigned upto = n;
    if (name[0] == '/')
        return; /* an absolute name is not searched for */
    if (found && fold(found, want, sizeof(want))) {
        for (unsigned i = 0; i < n; i++) {
            if (join(list[i], name, buf, sizeof(buf)) && fold(buf, got, sizeof(got)) &&
                strcmp(got, want) == 0) {
                upto = i;
                break;
            }
        }
    }
    for (unsigned i = 0; i < upto && !w->oom; i++)
        consider(m, w, list[i], name);
}

/* For a directive whose spelling is unknown (a macro): every directory of LIST that holds FOUND
 * gives a name, and the directories before it are candidates for that name. */
static void candidates_by_prefix(struct ct_deps_memo *m, struct walk *w, const char *const *list,
                                 unsigned n, const char *found)
{
    char want[4096], dir[4096];
    if (!fold(found, want, sizeof(want)))
        return;
    for (unsigned i = 0; i < n && !w->oom; i++) {
        if (!fold(list[i], dir, sizeof(dir)))
            continue;
        size_t len = strlen(dir);
        if (strcmp(dir, ".") == 0 && want[0] != '/')
            len = 0;
        else if (!(strncmp(want, dir, len) == 0 && (want[len] == '/' || dir[len - 1] == '/')))
            continue;
        const char *name = want + len + (want[len] == '/');
        for (unsigned k = 0; k < i && !w->oom; k++)
            consider(m, w, list[k], name);
    }
}

static bool copy_out(struct ct_tu_facts *facts, const char **v, size_t n, const char ***out,
                     size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (n == 0)
        return true;
    *out = ct_arena_alloc(facts->arena, n * sizeof(*v));
    if (!*out)
        return false;
    memcpy(*out, v, n * sizeof(*v));
    *nout = n;
    return true;
}

int ct_deps_collect(struct ct_deps_memo *m, void *index, struct CXTranslationUnitImpl *tu,
                    const char *file, const char *const *args, int nargs,
                    struct ct_tu_facts *facts)
{
    struct walk w;
    struct chain *c = malloc(sizeof(*c));
    const char *list[MAX_DIRS + 1];

    if (!c)
        return CT_ENOMEM;
    memset(&w, 0, sizeof(w));
    m->stamp++;
    for (int i = 0; i < nargs; i++) {
        if (strcmp(args[i], "-working-directory") == 0 && i + 1 < nargs)
            w.wd = args[i + 1];
        else if (starts(args[i], "-working-directory="))
            w.wd = args[i] + strlen("-working-directory=");
    }
    build_chain(index, file, args, nargs, c);
    clang_getInclusions(tu, visit_inclusion, &w);
    for (size_t i = 0; i < w.nincs && !w.oom; i++) {
        const struct inclusion *in = &w.incs[i];
        const char *sp = spelling(m, in->includer, in->offset);
        list[0] = dir_of(in->includer);
        if (!sp || !list[0]) {
            w.oom = true;
            break;
        }
        memcpy(list + 1, c->v, c->n * sizeof(*list));
        if (sp[0] == '<')
            candidates(m, &w, c->v + c->nquote, c->n - c->nquote, sp + 1, in->file);
        else if (sp[0] == '"')
            candidates(m, &w, list, c->n + 1, sp + 1, in->file);
        else
            candidates_by_prefix(m, &w, list, c->n + 1, in->file);
    }
    /* missing headers: clang says "'NAME' file not found" at the directive */
    unsigned ndiags = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < ndiags && !w.oom; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
            CXString s = clang_getDiagnosticSpelling(d);
            const char *msg = clang_getCString(s);
            const char *end = msg && msg[0] == '\'' ? strstr(msg, "' file not found") : NULL;
            if (end && end > msg + 1) {
                CXFile f = NULL;
                unsigned line, col, off;
                clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f, &line, &col,
                                           &off);
                const char *includer = f ? intern_cx(clang_getFileName(f)) : file;
                if (includer && w.wd && includer[0] != '/')
                    includer = resolve(includer, w.wd);
                const char *name = ct_intern_n(msg + 1, (size_t)(end - msg - 1));
                list[0] = includer ? dir_of(includer) : NULL;
                if (!name || !list[0]) {
                    w.oom = true;
                } else {
                    memcpy(list + 1, c->v, c->n * sizeof(*list));
                    candidates(m, &w, list, c->n + 1, name, NULL);
                }
            }
            clang_disposeString(s);
        }
        clang_disposeDiagnostic(d);
    }
    free(c);
    int rc = 0;
    if (w.oom || !copy_out(facts, w.deps, w.ndeps, &facts->deps, &facts->ndeps) ||
        !copy_out(facts, w.absent, w.nabsent, &facts->absent, &facts->nabsent))
        rc = CT_ENOMEM;
    free(w.deps);
    free(w.incs);
    free(w.absent);
    return rc;
}
