/* compdb.c - reads compile_commands.json with libclang's CXCompilationDatabase and turns each
 * entry into what ct_frontend_parse takes: an absolute file and flags that work from any current
 * directory (-working-directory). It must never print, exit, or keep a CX* value. */
#include "compdb.h"

#include <clang-c/CXCompilationDatabase.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void ct_compdb_init(struct ct_compdb *db)
{
    memset(db, 0, sizeof(*db));
}

static void cmd_fini(struct ct_compile_cmd *c)
{
    for (int i = 0; i < c->argc; i++)
        free(c->argv[i]);
    free(c->argv);
    free(c->file);
    free(c->directory);
}

void ct_compdb_fini(struct ct_compdb *db)
{
    for (size_t i = 0; i < db->ncmds; i++)
        cmd_fini(&db->cmds[i]);
    for (size_t i = 0; i < db->nskipped; i++)
        free(db->skipped[i]);
    free(db->skipped);
    free(db->cmds);
    free(db->path);
    memset(db, 0, sizeof(*db));
}

/* DIR/NAME, or NAME when it is absolute; a new string. */
static char *join(const char *dir, const char *name)
{
    char *s;
    if (name[0] == '/' || !dir || !*dir)
        return strdup(name);
    if (asprintf(&s, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name) < 0)
        return NULL;
    return s;
}

/* P with "." and ".." segments and repeated slashes folded (lexically); a new string. */
static char *fold(const char *p)
{
    size_t n = strlen(p);
    char *out = malloc(n + 2);
    size_t len = 0;
    if (!out)
        return NULL;
    const char *s = p;
    bool abs = *s == '/';
    if (abs)
        out[len++] = '/';
    while (*s) {
        while (*s == '/')
            s++;
        const char *e = s;
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
            memcpy(out + len, s, seg);
            len += seg;
        }
        s = e;
    }
    if (len == 0)
        out[len++] = abs ? '/' : '.';
    out[len] = '\0';
    return out;
}

/* Options whose value is the next argument and that the frontend does not want. */
static bool drops_with_value(const char *a)
{
    static const char *const opts[] = {"-o", "-MF", "-MT", "-MQ", "-Xclang", NULL};
    for (int i = 0; opts[i]; i++)
        if (strcmp(a, opts[i]) == 0)
            return strcmp(a, "-Xclang") != 0;
    return false;
}

static bool drops_alone(const char *a)
{
    return strcmp(a, "-c") == 0 || strcmp(a, "-MD") == 0 || strcmp(a, "-MMD") == 0 ||
           strcmp(a, "-M") == 0 || strcmp(a, "-MM") == 0 || strcmp(a, "-MP") == 0 ||
           strncmp(a, "-o", 2) == 0 || strcmp(a, "-pipe") == 0 || strcmp(a, "--") == 0;
}

static int push_arg(struct ct_compile_cmd *c, size_t *cap, const char *a)
{
    char *copy = strdup(a);
    if (!copy || ct_grow((void **)&c->argv, cap, (size_t)c->argc + 1, sizeof(char *)) != 0) {
        free(copy);
        return CT_ENOMEM;
    }
    c->argv[c->argc++] = copy;
    return 0;
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (strcmp(a, b) == 0)
        return true;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int convert(CXCompileCommand cc, struct ct_compile_cmd *c)
{
    CXString dir = clang_CompileCommand_getDirectory(cc);
    CXString name = clang_CompileCommand_getFilename(cc);
    unsigned nargs = clang_CompileCommand_getNumArgs(cc);
    size_t cap = 0;
    int rc = 0;

    memset(c, 0, sizeof(*c));
    c->directory = strdup(clang_getCString(dir) ? clang_getCString(dir) : ".");
    char *joined = c->directory ? join(c->directory, clang_getCString(name) ? clang_getCString(name) : "") : NULL;
    c->file = joined ? fold(joined) : NULL;
    free(joined);
    clang_disposeString(dir);
    clang_disposeString(name);
    if (!c->directory || !c->file)
        return CT_ENOMEM;
    if ((rc = push_arg(c, &cap, "-working-directory")) != 0 ||
        (rc = push_arg(c, &cap, c->directory)) != 0)
        return rc;
    for (unsigned i = 1; i < nargs && rc == 0; i++) { /* argv[0] is the compiler */
        CXString s = clang_CompileCommand_getArg(cc, i);
        const char *a = clang_getCString(s) ? clang_getCString(s) : "";
        if (drops_with_value(a)) {
            i++;
        } else if (drops_alone(a)) {
            /* compile-only and output options */
        } else if (a[0] != '-' && a[0] != '@') {
            char *j = join(c->directory, a);
            bool is_source = j && same_file(j, c->file);
            free(j);
            if (!is_source)
                rc = push_arg(c, &cap, a);
        } else {
            rc = push_arg(c, &cap, a);
        }
        clang_disposeString(s);
    }
    return rc;
}

/* Whether entry C compiles C or C++ (or Objective-C, which libclang parses too): told by the
 * language an -x flag gives, else by the file's extension. Assembly (.s, .S, -x assembler) and
 * other languages are not. */
static bool is_c_family(const struct ct_compile_cmd *c)
{
    static const char *const exts[] = {"c", "h", "i", "cc", "cp", "cpp", "cxx", "c++", "C",
                                       "CPP", "hh", "hpp", "hxx", "ii", "m", "mm", "M", "cu",
                                       NULL};
    for (int i = 0; i + 1 < c->argc; i++) {
        const char *lang = NULL;
        if (strcmp(c->argv[i], "-x") == 0)
            lang = c->argv[i + 1];
        else if (strncmp(c->argv[i], "-x", 2) == 0 && c->argv[i][2])
            lang = c->argv[i] + 2;
        if (lang)
            return strncmp(lang, "c", 1) == 0 || strncmp(lang, "objective-c", 11) == 0 ||
                   strcmp(lang, "cuda") == 0;
    }
    const char *slash = strrchr(c->file, '/');
    const char *dot = strrchr(slash ? slash + 1 : c->file, '.');
    if (!dot)
        return false;
    for (int i = 0; exts[i]; i++)
        if (strcmp(dot + 1, exts[i]) == 0)
            return true;
    return false;
}

static bool same_flags(const struct ct_compile_cmd *a, const struct ct_compile_cmd *b)
{
    if (a->argc != b->argc)
        return false;
    for (int i = 0; i < a->argc; i++)
        if (strcmp(a->argv[i], b->argv[i]) != 0)
            return false;
    return true;
}

/* Adds entry C to DB (taking it), or drops it: a repeat of an earlier entry, a further set of
 * flags past CT_COMPDB_MAX_CONFIGS, or a file that is not C or C++ (noted in DB->skipped). */
static int add_cmd(struct ct_compdb *db, size_t *cap, struct ct_compile_cmd *c)
{
    unsigned configs = 0;
    if (!is_c_family(c)) {
        char **nv = realloc(db->skipped, (db->nskipped + 1) * sizeof(*nv));
        if (!nv)
            return CT_ENOMEM;
        db->skipped = nv;
        db->skipped[db->nskipped++] = c->file;
        c->file = NULL;
        cmd_fini(c);
        return 0;
    }
    for (size_t k = 0; k < db->ncmds; k++) {
        if (strcmp(db->cmds[k].file, c->file) != 0)
            continue;
        if (same_flags(&db->cmds[k], c) || ++configs >= CT_COMPDB_MAX_CONFIGS) {
            cmd_fini(c);
            return 0;
        }
    }
    if (ct_grow((void **)&db->cmds, cap, db->ncmds + 1, sizeof(*db->cmds)) != 0)
        return CT_ENOMEM;
    c->config = configs;
    db->cmds[db->ncmds++] = *c;
    return 0;
}

int ct_compdb_load(struct ct_compdb *db, const char *dir, struct ct_error *err)
{
    CXCompilationDatabase_Error cerr = CXCompilationDatabase_NoError;
    CXCompilationDatabase cdb;
    CXCompileCommands all;
    struct stat sb;
    size_t cap = 0;
    int rc = 0;

    db->path = join(dir, "compile_commands.json");
    if (!db->path)
        return ct_error_set(err, CT_ENOMEM, dir, 0, 0, "out of memory");
    if (stat(db->path, &sb) != 0)
        return ct_error_set(err, CT_ENOENT, db->path, 0, 0, "no compilation database here (%s)",
                            strerror(errno));
    cdb = clang_CompilationDatabase_fromDirectory(dir, &cerr);
    if (cerr != CXCompilationDatabase_NoError || !cdb)
        return ct_error_set(err, CT_EINVAL, db->path, 0, 0,
                            "not a valid compilation database (malformed JSON, or entries "
                            "without \"directory\", \"file\" and \"command\"/\"arguments\")");
    all = clang_CompilationDatabase_getAllCompileCommands(cdb);
    unsigned n = all ? clang_CompileCommands_getSize(all) : 0;
    for (unsigned i = 0; i < n && rc == 0; i++) {
        struct ct_compile_cmd c;
        rc = convert(clang_CompileCommands_getCommand(all, i), &c);
        if (rc == 0)
            rc = add_cmd(db, &cap, &c);
        if (rc != 0)
            cmd_fini(&c);
    }
    db->nconfigs = 1;
    for (size_t i = 0; i < db->ncmds && rc == 0; i++) {
        unsigned count = 0;
        for (size_t k = 0; k < db->ncmds; k++)
            if (strcmp(db->cmds[k].file, db->cmds[i].file) == 0)
                count++;
        db->cmds[i].nconfigs = count;
        if (count > db->nconfigs)
            db->nconfigs = count;
    }
    if (all)
        clang_CompileCommands_dispose(all);
    clang_CompilationDatabase_dispose(cdb);
    if (rc != 0)
        return ct_error_set(err, rc, db->path, 0, 0, "%s", ct_strerror(rc));
    if (db->ncmds == 0 && db->nskipped == 0)
        return ct_error_set(err, CT_EINVAL, db->path, 0, 0,
                            "the compilation database has no entries (malformed or empty)");
    if (db->ncmds == 0)
        return ct_error_set(err, CT_EINVAL, db->path, 0, 0,
                            "the compilation database lists no C or C++ file (%zu other)",
                            db->nskipped);
    return 0;
}

char *ct_compdb_find(const char *file)
{
    char buf[PATH_MAX], probe[PATH_MAX + 64];
    struct stat sb;

    if (!realpath(file, buf)) {
        if (!getcwd(buf, sizeof(buf)))
            return NULL;
    } else if (stat(buf, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
        char *slash = strrchr(buf, '/');
        if (slash)
            *slash = '\0';
    }
    for (;;) {
        snprintf(probe, sizeof(probe), "%s/compile_commands.json", buf);
        if (stat(probe, &sb) == 0 && S_ISREG(sb.st_mode))
            return strdup(buf[0] ? buf : "/");
        snprintf(probe, sizeof(probe), "%s/build/compile_commands.json", buf);
        if (stat(probe, &sb) == 0 && S_ISREG(sb.st_mode)) {
            snprintf(probe, sizeof(probe), "%s/build", buf);
            return strdup(probe);
        }
        char *slash = strrchr(buf, '/');
        if (!slash || slash == buf) {
            if (buf[0] == '/' && buf[1] != '\0') {
                buf[1] = '\0';
                continue;
            }
            return NULL;
        }
        *slash = '\0';
    }
}

const struct ct_compile_cmd *ct_compdb_lookup(const struct ct_compdb *db, const char *file)
{
    char buf[PATH_MAX];
    const char *abs = realpath(file, buf) ? buf : file;
    for (size_t i = 0; i < db->ncmds; i++)
        if (strcmp(db->cmds[i].file, abs) == 0 || same_file(db->cmds[i].file, abs))
            return &db->cmds[i];
    return NULL;
}

char *ct_compdb_absolute(const char *dir, const char *file)
{
    char *joined = join(dir, file);
    char *folded = joined ? fold(joined) : NULL;
    free(joined);
    return folded;
}
