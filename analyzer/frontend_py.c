/* frontend_py.c - the Python frontend: parses one module with tree-sitter (the tree-sitter-python
 * grammar) and lowers its module code, functions, methods, nested functions and lambdas to the
 * same facts the C frontend writes.
 *
 * Python is lowered as C with references: a name holds a reference, `a.b` is `a->b`, and the
 * object a name refers to is the resource (`*a`). Calls are named by what they call, qualified
 * through the module's imports and definitions (`anyio.move_on_after`, `pkg.mod.Class.method`);
 * a method called on a receiver whose class is known (an assignment from a constructor or
 * factory call, a parameter annotation, `self`) is `Class.method` with the receiver as argument
 * 0, and on a receiver of unknown class `.method`. `with E as v:` calls `T.__enter__(cm)` where T
 * names E's class or factory, and `T.__exit__(cm)` on every path out of the block (falling off
 * the end, return, break, continue, raise); `async with` calls `__aenter__` / `__aexit__`. A
 * call whose coroutine is not awaited here (an argument `f(x)` to another call), a bound method
 * `obj.m`, a nested function and a lambda are function values bound to their data (facts.h:
 * CT_VAL_FUNC with a path): a small synthetic function receives the bound data as parameter 0.
 * Constructing a class `C(...)` calls `C.__init__` with the new object and registers its
 * `__del__` through a call named `__del__` (a destructor edge in the `python` pack).
 *
 * It knows no API: which of these calls enter, exit or spawn is decided from the rule packs.
 * It must never keep a tree-sitter node beyond the parse, print, or exit.
 */
#include "frontend_py.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_python(void);

#define MAX_DEPTH 300   /* deeper statements and expressions are not lowered */
#define TEXT_MAX 80     /* longest argument spelling kept */
#define MAX_FINALLY 4   /* finally bodies copied onto one exit path */
#define PASS_PARAMS 4   /* parameters a bound method's synthetic function passes through */
#define MAX_FILE_BYTES (64u << 20)

struct ct_pyfrontend {
    TSParser *parser;
};

struct ct_pyfrontend *ct_pyfrontend_new(void)
{
    struct ct_pyfrontend *fe = calloc(1, sizeof(*fe));
    if (!fe)
        return NULL;
    fe->parser = ts_parser_new();
    if (!fe->parser || !ts_parser_set_language(fe->parser, tree_sitter_python())) {
        if (fe->parser)
            ts_parser_delete(fe->parser);
        free(fe);
        return NULL;
    }
    return fe;
}

void ct_pyfrontend_free(struct ct_pyfrontend *fe)
{
    if (!fe)
        return;
    ts_parser_delete(fe->parser);
    free(fe);
}

bool ct_is_python_file(const char *file)
{
    size_t n = strlen(file);
    return (n > 3 && strcmp(file + n - 3, ".py") == 0) ||
           (n > 4 && (strcmp(file + n - 4, ".pyi") == 0 || strcmp(file + n - 4, ".pyw") == 0));
}

const char *ct_python_module_name(const char *file)
{
    char path[4096], name[4096];
    size_t n = strlen(file);
    if (n >= sizeof(path))
        return ct_intern(file);
    memcpy(path, file, n + 1);
    char *dot = strrchr(path, '.');
    char *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash))
        *dot = '\0';
    char *base = slash ? slash + 1 : path;
    name[0] = '\0';
    if (strcmp(base, "__init__") != 0)
        snprintf(name, sizeof(name), "%s", base);
    /* walk up through the folders that are packages */
    while (slash) {
        *slash = '\0';
        char init[4200];
        struct stat sb;
        snprintf(init, sizeof(init), "%s/__init__.py", path[0] ? path : "/");
        if (stat(init, &sb) != 0)
            break;
        char *up = strrchr(path, '/');
        const char *pkg = up ? up + 1 : path;
        if (!pkg[0] || strcmp(pkg, ".") == 0 || strcmp(pkg, "..") == 0)
            break;
        char tmp[4096];
        snprintf(tmp, sizeof(tmp), "%s%s%s", pkg, name[0] ? "." : "", name);
        memcpy(name, tmp, sizeof(name));
        slash = up;
    }
    if (!name[0])
        snprintf(name, sizeof(name), "%s", base);
    return ct_intern(name);
}

/* --- the module: names defined and imported at the top level --------------------------- */

enum name_kind {
    NK_IMPORT, /* a module or a name imported: VALUE is its qualified name */
    NK_FUNC,   /* a function defined here: VALUE is its qualified name */
    NK_CLASS,  /* a class defined here */
    NK_GLOBAL  /* a variable assigned at the top level */
};

struct name_entry {
    const char *name;
    const char *value;
    enum name_kind kind;
    bool is_async;
    const char *type; /* NK_GLOBAL: the class or factory it was assigned from, or NULL */
};

struct method_entry {
    const char *cls;  /* qualified class */
    const char *name; /* method name */
    bool is_async;
    bool gen_cm;      /* a decorated generator: maybe a context manager (lower_gen_half) */
};

struct class_base {
    const char *cls;  /* qualified class */
    const char *base; /* one of its bases, qualified (defined here or imported) */
};

struct attr_type {
    const char *cls;  /* qualified class */
    const char *attr; /* self.ATTR */
    const char *type; /* what was assigned to it: a class or factory, qualified */
};

struct module {
    const char *src;
    size_t len;
    const char *file; /* interned */
    const char *mod;  /* dotted module name */
    const char *pkg;  /* its package (for relative imports) */
    bool is_package;
    struct ct_tu_facts *facts;
    struct name_entry *names;
    size_t nnames, capnames;
    struct method_entry *methods;
    size_t nmethods, capmethods;
    struct attr_type *attrs;
    size_t nattrs, capattrs;
    struct class_base *bases; /* in the order the class statements list them */
    size_t nbases, capbases;
    struct ct_function *fns;
    size_t nfns, capfns;
    unsigned synth; /* counter for synthetic functions */
    bool oom;
};

/* --- the function being lowered ---------------------------------------------------------- */

enum cleanup_kind { CL_WITH, CL_FINALLY, CL_LOOP, CL_TRY };

struct cleanup {
    enum cleanup_kind kind;
    /* CL_WITH: the exit to call */
    struct ct_path cm;
    const char *exit_name;
    const char *exit_usr;
    const char *text;       /* how the context manager is spelled */
    struct ct_loc loc;
    /* CL_FINALLY: the body to copy */
    TSNode body;
    /* CL_LOOP: break and continue jumps to patch; CL_TRY: raise jumps to the handlers */
    unsigned *breaks, nbreaks, capbreaks;
    unsigned *conts, nconts, capconts;
};

struct local_type {
    const char *name;
    const char *type;
};

struct fb {
    struct module *m;
    struct fb *parent;      /* the enclosing function, for closures */
    const char *qual;       /* qualified name: mod.Class.method, mod.f.<lambda:12> */
    const char *cls;        /* the class of a method, qualified; NULL otherwise */
    bool has_env;           /* parameter 0 is the closure's environment */
    bool is_module;         /* the module's own code */
    const char **params;    /* names; "$env" first when HAS_ENV */
    unsigned nparams, capparams;
    const char **locals;    /* names assigned here */
    size_t nlocals, caplocals;
    const char **globals;   /* names declared global or nonlocal */
    size_t nglobals, capglobals;
    struct local_type *types;
    size_t ntypes, captypes;
    struct ct_insn *insns;
    size_t ninsns, capinsns;
    struct ct_call *calls;
    size_t ncalls, capcalls;
    struct cleanup *cl;
    size_t ncl, capcl;
    unsigned tmp;
    int depth;
    int finally_depth;
    /* A generator lowered as a context manager's half (lower_gen_half): 1 the part before the
     * first yield (__enter__/__aenter__), 2 the part after it (__exit__/__aexit__); 0 otherwise.
     * Its variables are fields of parameter 0, the context manager object, so both halves
     * name the same storage. */
    int gen_phase;
    const char *gen_record; /* the record those fields belong to: the generator's name */
    unsigned gen_jump;      /* phase 2: the first jump, patched to just after the yield */
    bool gen_resumed;       /* phase 2: GEN_JUMP is patched */
};

static const char *ntext(struct module *m, TSNode n)
{
    if (ts_node_is_null(n))
        return ct_intern("");
    uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
    if (b > m->len || a > b)
        return ct_intern("");
    const char *s = ct_intern_n(m->src + a, b - a);
    if (!s)
        m->oom = true;
    return s ? s : "";
}

static bool is(TSNode n, const char *type)
{
    return !ts_node_is_null(n) && strcmp(ts_node_type(n), type) == 0;
}

static TSNode field(TSNode n, const char *name)
{
    return ts_node_child_by_field_name(n, name, (uint32_t)strlen(name));
}

static bool has_async(TSNode n)
{
    uint32_t k = ts_node_child_count(n);
    for (uint32_t i = 0; i < k && i < 3; i++)
        if (strcmp(ts_node_type(ts_node_child(n, i)), "async") == 0)
            return true;
    return false;
}

static struct ct_loc loc_of(struct module *m, TSNode n)
{
    TSPoint p = ts_node_start_point(n);
    struct ct_loc l = {m->file, p.row + 1, p.column + 1};
    return l;
}

static const char *joinf(struct module *m, const char *fmt, const char *a, const char *b)
{
    char buf[1024];
    snprintf(buf, sizeof(buf), fmt, a, b);
    const char *s = ct_intern(buf);
    if (!s)
        m->oom = true;
    return s;
}

static const char *usr_of(struct module *m, const char *qual)
{
    return qual ? joinf(m, "py:%s%s", qual, "") : NULL;
}

#define PUSH_OR_OOM(m, arr, n, cap) CT_PUSH(arr, n, cap) ? &(arr)[(n) - 1] : ((m)->oom = true, NULL)

static void add_name(struct module *m, const char *name, const char *value, enum name_kind kind,
                     bool is_async)
{
    for (size_t i = 0; i < m->nnames; i++)
        if (m->names[i].name == name) {
            if (kind != NK_GLOBAL || m->names[i].kind == NK_GLOBAL) {
                m->names[i].value = value;
                m->names[i].kind = kind;
                m->names[i].is_async = is_async;
            }
            return;
        }
    struct name_entry *e = CT_PUSH(m->names, m->nnames, m->capnames);
    if (!e) {
        m->oom = true;
        return;
    }
    e->name = name;
    e->value = value;
    e->kind = kind;
    e->is_async = is_async;
}

static const struct name_entry *find_name(struct module *m, const char *name)
{
    for (size_t i = m->nnames; i > 0; i--)
        if (m->names[i - 1].name == name)
            return &m->names[i - 1];
    return NULL;
}

#define MAX_BASES_DEPTH 8 /* base classes followed this deep */

static const struct method_entry *find_method_in(struct module *m, const char *cls,
                                                 const char *name, int depth)
{
    for (size_t i = 0; i < m->nmethods; i++)
        if (m->methods[i].cls == cls && m->methods[i].name == name)
            return &m->methods[i];
    if (depth >= MAX_BASES_DEPTH)
        return NULL;
    for (size_t i = 0; i < m->nbases; i++)
        if (m->bases[i].cls == cls) {
            const struct method_entry *e = find_method_in(m, m->bases[i].base, name, depth + 1);
            if (e)
                return e;
        }
    return NULL;
}

/* The method NAME of class CLS: its own, or inherited from a base class defined in this module
 * (depth first, in the order the bases are listed: the method resolution order of classes
 * without diamonds). Its CLS field names the class that defines it. */
static const struct method_entry *find_method(struct module *m, const char *cls, const char *name)
{
    return find_method_in(m, cls, name, 0);
}

static bool class_defined_here(struct module *m, const char *cls);

/* The class whose method NAME a call on a CLS object runs, qualified: the class defining it
 * (CLS itself or a base defined here), else, for a class defined here with a base imported from
 * another module, the first such base (which the other module's facts define or inherit);
 * else CLS. */
static const char *method_owner(struct module *m, const char *cls, const char *name)
{
    const struct method_entry *e = find_method(m, cls, name);
    if (e)
        return e->cls;
    const char *c = cls;
    for (int depth = 0; depth < MAX_BASES_DEPTH && class_defined_here(m, c); depth++) {
        const char *next = NULL;
        for (size_t i = 0; i < m->nbases && !next; i++)
            if (m->bases[i].cls == c)
                next = m->bases[i].base;
        if (!next)
            break;
        if (!class_defined_here(m, next))
            return next;
        c = next;
    }
    return cls;
}

/* The record an attribute of a CLS object belongs to: the class at the top of CLS's chain of
 * first bases, so that `self._scope` stored by a subclass and read by a method of its base is
 * one field; NULL (any record) when the chain leaves the module, whose other classes are not
 * known here. */
static const char *field_record(struct module *m, const char *cls)
{
    const char *c = cls;
    for (int depth = 0; c && depth < MAX_BASES_DEPTH; depth++) {
        const char *next = NULL;
        for (size_t i = 0; i < m->nbases && !next; i++)
            if (m->bases[i].cls == c)
                next = m->bases[i].base;
        if (!next)
            return c;
        if (!class_defined_here(m, next))
            return NULL;
        c = next;
    }
    return c;
}

static const char *find_attr_type_in(struct module *m, const char *cls, const char *attr,
                                     int depth)
{
    for (size_t i = 0; i < m->nattrs; i++)
        if (m->attrs[i].cls == cls && m->attrs[i].attr == attr)
            return m->attrs[i].type;
    if (depth >= MAX_BASES_DEPTH)
        return NULL;
    for (size_t i = 0; i < m->nbases; i++)
        if (m->bases[i].cls == cls) {
            const char *t = find_attr_type_in(m, m->bases[i].base, attr, depth + 1);
            if (t)
                return t;
        }
    return NULL;
}

/* The class of self.ATTR in class CLS or a base class defined here. */
static const char *find_attr_type(struct module *m, const char *cls, const char *attr)
{
    return find_attr_type_in(m, cls, attr, 0);
}

/* The absolute module a relative import names: `from ..x import y` in package a.b is a.x. */
static const char *relative_module(struct module *m, TSNode rel)
{
    const char *t = ntext(m, rel);
    size_t dots = 0;
    while (t[dots] == '.')
        dots++;
    char base[1024];
    snprintf(base, sizeof(base), "%s", m->is_package ? m->mod : m->pkg);
    for (size_t i = 1; i < dots; i++) {
        char *d = strrchr(base, '.');
        if (d)
            *d = '\0';
        else
            base[0] = '\0';
    }
    if (t[dots] == '\0')
        return ct_intern(base);
    if (!base[0])
        return ct_intern(t + dots);
    return joinf(m, "%s.%s", base, t + dots);
}

static void collect_import(struct module *m, TSNode n)
{
    if (is(n, "import_statement")) {
        uint32_t k = ts_node_named_child_count(n);
        for (uint32_t i = 0; i < k; i++) {
            TSNode c = ts_node_named_child(n, i);
            if (is(c, "aliased_import")) {
                add_name(m, ntext(m, field(c, "alias")), ntext(m, field(c, "name")), NK_IMPORT,
                         false);
            } else if (is(c, "dotted_name")) {
                /* import a.b.c binds a, which names the module a */
                TSNode first = ts_node_named_child(c, 0);
                const char *a = ntext(m, first);
                add_name(m, a, a, NK_IMPORT, false);
            }
        }
        return;
    }
    TSNode modn = field(n, "module_name");
    if (ts_node_is_null(modn))
        return;
    const char *from = is(modn, "relative_import") ? relative_module(m, modn) : ntext(m, modn);
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k; i++) {
        TSNode c = ts_node_named_child(n, i);
        if (ts_node_start_byte(c) == ts_node_start_byte(modn))
            continue;
        const char *name, *alias;
        if (is(c, "aliased_import")) {
            name = ntext(m, field(c, "name"));
            alias = ntext(m, field(c, "alias"));
        } else if (is(c, "dotted_name")) {
            name = alias = ntext(m, c);
        } else {
            continue;
        }
        add_name(m, alias, from[0] ? joinf(m, "%s.%s", from, name) : name, NK_IMPORT, false);
    }
}

static TSNode unwrap_decorated(TSNode n)
{
    if (is(n, "decorated_definition")) {
        TSNode d = field(n, "definition");
        if (!ts_node_is_null(d))
            return d;
    }
    return n;
}

/* The qualified name a type annotation or a constructor spells, through the module's names:
 * `AsyncExitStack` imported from contextlib is contextlib.AsyncExitStack. NULL if unknown. */
static const char *qualify_dotted(struct module *m, TSNode n, int depth)
{
    if (depth > 16 || ts_node_is_null(n))
        return NULL;
    if (is(n, "type") && ts_node_named_child_count(n) == 1)
        return qualify_dotted(m, ts_node_named_child(n, 0), depth + 1);
    if (is(n, "string")) /* a forward reference "Session" */
        return NULL;
    if (is(n, "identifier")) {
        const char *name = ntext(m, n);
        const struct name_entry *e = find_name(m, name);
        if (e && e->kind != NK_GLOBAL)
            return e->value;
        return NULL;
    }
    if (is(n, "attribute")) {
        const char *base = qualify_dotted(m, field(n, "object"), depth + 1);
        if (!base)
            return NULL;
        return joinf(m, "%s.%s", base, ntext(m, field(n, "attribute")));
    }
    return NULL;
}

/* Records the class of self.ATTR assigned from a constructor or factory call in a method. */
static void collect_attrs(struct module *m, const char *cls, TSNode n, int depth)
{
    if (depth > MAX_DEPTH || ts_node_is_null(n))
        return;
    if (is(n, "class_definition") || is(n, "lambda"))
        return;
    if (is(n, "assignment")) {
        TSNode l = field(n, "left"), r = field(n, "right");
        if (is(l, "attribute") && is(field(l, "object"), "identifier") &&
            strcmp(ntext(m, field(l, "object")), "self") == 0) {
            const char *type = NULL;
            if (is(r, "call"))
                type = qualify_dotted(m, field(r, "function"), 0);
            else if (is(r, "await") && is(ts_node_named_child(r, 0), "call"))
                type = NULL;
            if (!type && !ts_node_is_null(field(n, "type")))
                type = qualify_dotted(m, field(n, "type"), 0);
            if (type) {
                struct attr_type *a = CT_PUSH(m->attrs, m->nattrs, m->capattrs);
                if (!a) {
                    m->oom = true;
                    return;
                }
                a->cls = cls;
                a->attr = ntext(m, field(l, "attribute"));
                a->type = type;
            }
        }
    }
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k; i++)
        collect_attrs(m, cls, ts_node_named_child(n, i), depth + 1);
}

static bool is_generator_context_manager(struct module *m, TSNode def);

static void collect_class(struct module *m, TSNode cls)
{
    const char *name = ntext(m, field(cls, "name"));
    const char *qual = joinf(m, "%s.%s", m->mod, name);
    add_name(m, name, qual, NK_CLASS, false);
    TSNode supers = field(cls, "superclasses");
    uint32_t nsup = ts_node_is_null(supers) ? 0 : ts_node_named_child_count(supers);
    for (uint32_t i = 0; i < nsup; i++) {
        TSNode b = ts_node_named_child(supers, i);
        if (is(b, "subscript")) /* a generic base: BaseSession[Request, Result] */
            b = field(b, "value");
        const char *bq = is(b, "keyword_argument") ? NULL : qualify_dotted(m, b, 0);
        if (!bq || bq == qual)
            continue;
        struct class_base *cb = CT_PUSH(m->bases, m->nbases, m->capbases);
        if (!cb) {
            m->oom = true;
            return;
        }
        cb->cls = qual;
        cb->base = bq;
    }
    TSNode body = field(cls, "body");
    uint32_t k = ts_node_named_child_count(body);
    for (uint32_t i = 0; i < k; i++) {
        TSNode d = unwrap_decorated(ts_node_named_child(body, i));
        if (!is(d, "function_definition"))
            continue;
        struct method_entry *e = CT_PUSH(m->methods, m->nmethods, m->capmethods);
        if (!e) {
            m->oom = true;
            return;
        }
        e->cls = qual;
        e->name = ntext(m, field(d, "name"));
        e->is_async = has_async(d);
        e->gen_cm = is_generator_context_manager(m, d);
        collect_attrs(m, qual, field(d, "body"), 0);
        /* annotated class attributes: `stack: AsyncExitStack` */
    }
    for (uint32_t i = 0; i < k; i++) {
        TSNode s = ts_node_named_child(body, i);
        if (is(s, "expression_statement") && is(ts_node_named_child(s, 0), "assignment")) {
            TSNode a = ts_node_named_child(s, 0);
            TSNode l = field(a, "left"), t = field(a, "type");
            const char *type = qualify_dotted(m, t, 0);
            if (is(l, "identifier") && type) {
                struct attr_type *at = CT_PUSH(m->attrs, m->nattrs, m->capattrs);
                if (!at) {
                    m->oom = true;
                    return;
                }
                at->cls = qual;
                at->attr = ntext(m, l);
                at->type = type;
            }
        }
    }
}

/* Top-level names: imports anywhere at module level (also inside if/try), functions, classes
 * and variables. */
static void collect_module(struct module *m, TSNode n, int depth)
{
    if (depth > 8)
        return;
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k; i++) {
        TSNode c = ts_node_named_child(n, i);
        TSNode d = unwrap_decorated(c);
        if (is(c, "import_statement") || is(c, "import_from_statement")) {
            collect_import(m, c);
        } else if (is(d, "function_definition")) {
            const char *name = ntext(m, field(d, "name"));
            add_name(m, name, joinf(m, "%s.%s", m->mod, name), NK_FUNC, has_async(d));
        } else if (is(d, "class_definition")) {
            collect_class(m, d);
        } else if (is(c, "expression_statement")) {
            TSNode a = ts_node_named_child(c, 0);
            while (is(a, "assignment")) {
                TSNode l = field(a, "left");
                if (is(l, "identifier")) {
                    const char *name = ntext(m, l);
                    add_name(m, name, joinf(m, "%s.%s", m->mod, name), NK_GLOBAL, false);
                    TSNode r = field(a, "right");
                    const char *type = is(r, "call") ? qualify_dotted(m, field(r, "function"), 0)
                                                     : qualify_dotted(m, field(a, "type"), 0);
                    const struct name_entry *e = find_name(m, name);
                    if (e && e->kind == NK_GLOBAL && type)
                        ((struct name_entry *)e)->type = type;
                }
                a = field(a, "right");
            }
        } else if (is(c, "if_statement") || is(c, "try_statement") || is(c, "block") ||
                   is(c, "else_clause") || is(c, "elif_clause") || is(c, "except_clause") ||
                   is(c, "finally_clause") || is(c, "with_statement")) {
            collect_module(m, c, depth + 1);
        }
    }
}

/* --- locals of a function ---------------------------------------------------------------- */

static bool in_list(const char *const *v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == s)
            return true;
    return false;
}

static void add_str(struct fb *f, const char ***v, size_t *n, size_t *cap, const char *s)
{
    if (!s || in_list(*v, *n, s))
        return;
    if (ct_grow((void **)v, cap, *n + 1, sizeof(**v)) != 0) {
        f->m->oom = true;
        return;
    }
    (*v)[(*n)++] = s;
}

static void collect_targets(struct fb *f, TSNode t, int depth)
{
    if (depth > 32 || ts_node_is_null(t))
        return;
    if (is(t, "identifier")) {
        add_str(f, &f->locals, &f->nlocals, &f->caplocals, ntext(f->m, t));
        return;
    }
    if (is(t, "attribute") || is(t, "subscript"))
        return;
    uint32_t k = ts_node_named_child_count(t);
    for (uint32_t i = 0; i < k; i++)
        collect_targets(f, ts_node_named_child(t, i), depth + 1);
}

/* Names a function body binds: assignment, for and with targets, imports, nested definitions,
 * except aliases; and the names it declares global or nonlocal. Nested scopes are skipped. */
static void collect_locals(struct fb *f, TSNode n, int depth)
{
    if (depth > MAX_DEPTH || ts_node_is_null(n))
        return;
    struct module *m = f->m;
    if (is(n, "function_definition") || is(n, "class_definition")) {
        add_str(f, &f->locals, &f->nlocals, &f->caplocals, ntext(m, field(n, "name")));
        return;
    }
    if (is(n, "lambda"))
        return;
    if (is(n, "for_in_clause")) /* a comprehension's variable: taken as one of F's */
        collect_targets(f, field(n, "left"), 0);
    if (is(n, "global_statement") || is(n, "nonlocal_statement")) {
        uint32_t k = ts_node_named_child_count(n);
        for (uint32_t i = 0; i < k; i++)
            add_str(f, &f->globals, &f->nglobals, &f->capglobals,
                    ntext(m, ts_node_named_child(n, i)));
        return;
    }
    if (is(n, "assignment") || is(n, "augmented_assignment") || is(n, "for_statement"))
        collect_targets(f, field(n, "left"), 0);
    else if (is(n, "as_pattern_target") || is(n, "named_expression"))
        collect_targets(f, is(n, "named_expression") ? field(n, "name") : n, 0);
    else if (is(n, "except_clause") && !ts_node_is_null(field(n, "alias")))
        collect_targets(f, field(n, "alias"), 0);
    else if (is(n, "import_statement") || is(n, "import_from_statement")) {
        uint32_t k = ts_node_named_child_count(n);
        for (uint32_t i = 0; i < k; i++) {
            TSNode c = ts_node_named_child(n, i);
            if (is(c, "aliased_import"))
                collect_targets(f, field(c, "alias"), 0);
            else if (is(c, "dotted_name") && !(is(n, "import_from_statement") && i == 0))
                collect_targets(f, ts_node_named_child(c, 0), 0);
        }
        return;
    }
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k; i++)
        collect_locals(f, ts_node_named_child(n, i), depth + 1);
}

static int param_index(const struct fb *f, const char *name)
{
    for (unsigned i = 0; i < f->nparams; i++)
        if (f->params[i] == name)
            return (int)i;
    return -1;
}

static bool is_local(const struct fb *f, const char *name)
{
    return param_index(f, name) >= 0 ||
           (in_list(f->locals, f->nlocals, name) && !in_list(f->globals, f->nglobals, name));
}

static const char *type_get(const struct fb *f, const char *name)
{
    for (size_t i = f->ntypes; i > 0; i--)
        if (f->types[i - 1].name == name)
            return f->types[i - 1].type;
    return NULL;
}

static void type_set(struct fb *f, const char *name, const char *type)
{
    if (!name)
        return;
    for (size_t i = 0; i < f->ntypes; i++)
        if (f->types[i].name == name) {
            f->types[i].type = type;
            return;
        }
    if (!type)
        return;
    struct local_type *t = CT_PUSH(f->types, f->ntypes, f->captypes);
    if (!t) {
        f->m->oom = true;
        return;
    }
    t->name = name;
    t->type = type;
}

/* --- emitting instructions ---------------------------------------------------------------- */

static unsigned *arena_targets(struct fb *f, unsigned n)
{
    unsigned *t = ct_arena_alloc(f->m->facts->arena, (n ? n : 1) * sizeof(unsigned));
    if (!t)
        f->m->oom = true;
    return t;
}

static struct ct_insn *emit(struct fb *f, enum ct_insn_kind kind, struct ct_loc loc)
{
    struct ct_insn *in = CT_PUSH(f->insns, f->ninsns, f->capinsns);
    if (!in) {
        f->m->oom = true;
        return NULL;
    }
    in->kind = kind;
    in->call = -1;
    in->guard_call = -1;
    in->loc = loc;
    return in;
}

static unsigned here(const struct fb *f)
{
    return (unsigned)f->ninsns;
}

static unsigned emit_jump(struct fb *f, struct ct_loc loc, unsigned target)
{
    struct ct_insn *in = emit(f, CT_I_JUMP, loc);
    if (!in)
        return 0;
    in->ntargets = 1;
    in->targets = arena_targets(f, 1);
    if (in->targets)
        in->targets[0] = target;
    return here(f) - 1;
}

/* A branch to TARGET0 (taken) or TARGET1; ~0u targets are patched later. */
static unsigned emit_branch(struct fb *f, struct ct_loc loc, unsigned t0, unsigned t1)
{
    struct ct_insn *in = emit(f, CT_I_BRANCH, loc);
    if (!in)
        return 0;
    in->ntargets = 2;
    in->targets = arena_targets(f, 2);
    if (in->targets) {
        in->targets[0] = t0;
        in->targets[1] = t1;
    }
    return here(f) - 1;
}

static void set_target(struct fb *f, unsigned insn, unsigned k, unsigned target)
{
    if (insn < f->ninsns && f->insns[insn].targets && k < f->insns[insn].ntargets)
        f->insns[insn].targets[k] = target;
}

static void push_u(struct fb *f, unsigned **v, unsigned *n, unsigned *cap, unsigned x)
{
    size_t scap = *cap;
    if (ct_grow((void **)v, &scap, (size_t)*n + 1, sizeof(unsigned)) != 0) {
        f->m->oom = true;
        return;
    }
    *cap = (unsigned)scap;
    (*v)[(*n)++] = x;
}

static struct ct_path no_path(void)
{
    struct ct_path p;
    memset(&p, 0, sizeof(p));
    p.base = CT_BASE_NONE;
    return p;
}

static struct ct_value unknown(void)
{
    struct ct_value v;
    memset(&v, 0, sizeof(v));
    v.kind = CT_VAL_UNKNOWN;
    v.path = no_path();
    v.call = -1;
    return v;
}

static struct ct_path local_path(struct module *m, const char *name)
{
    struct ct_path p = no_path();
    p.base = CT_BASE_LOCAL;
    p.key = name;
    p.name = name;
    (void)m;
    return p;
}

static struct ct_path param_path(const struct fb *f, int index)
{
    struct ct_path p = no_path();
    p.base = CT_BASE_PARAM;
    p.index = index;
    p.name = f->params[index];
    return p;
}

static void path_field(struct ct_path *p, const char *name, const char *record)
{
    struct ct_op d = {CT_OP_DEREF, false, NULL, NULL};
    struct ct_op fl = {CT_OP_FIELD, false, name, record};
    ct_path_push(p, d);
    ct_path_push(p, fl);
}

/* Where F keeps its variable NAME: a local, or in a generator's half a field of the context
 * manager object (parameter 0), so that what the enter half stores the exit half finds. */
static struct ct_path var_path(const struct fb *f, const char *name)
{
    if (!f->gen_phase)
        return local_path(f->m, name);
    struct ct_path p = param_path(f, 0);
    path_field(&p, name, f->gen_record);
    return p;
}

static struct ct_value load(struct ct_path p)
{
    struct ct_value v = unknown();
    if (p.base == CT_BASE_NONE)
        return v;
    v.kind = CT_VAL_LOAD;
    v.path = p;
    return v;
}

static const char *temp_name(struct fb *f, const char *what)
{
    char buf[64];
    snprintf(buf, sizeof(buf), "$%s%u", what, f->tmp++);
    const char *s = ct_intern(buf);
    if (!s)
        f->m->oom = true;
    return s;
}

static void emit_store(struct fb *f, struct ct_loc loc, struct ct_path dst, struct ct_value src)
{
    if (dst.base == CT_BASE_NONE)
        return;
    if (src.kind == CT_VAL_RESULT && src.call >= 0 && (size_t)src.call < f->ncalls &&
        f->calls[src.call].result_to.base == CT_BASE_NONE && dst.base == CT_BASE_LOCAL &&
        dst.nops == 0)
        f->calls[src.call].result_to = dst;
    struct ct_insn *in = emit(f, CT_I_STORE, loc);
    if (!in)
        return;
    in->dst = dst;
    in->src = src;
}

/* Emits a call; returns its index, or -1. ARGS are copied into the arena. */
static int emit_call(struct fb *f, struct ct_loc loc, const char *name, const char *usr,
                     const struct ct_value *args, unsigned nargs)
{
    struct ct_call *c = CT_PUSH(f->calls, f->ncalls, f->capcalls);
    if (!c) {
        f->m->oom = true;
        return -1;
    }
    c->callee_name = name;
    c->callee_usr = usr;
    c->callee_value = unknown();
    c->result_to = no_path();
    c->loc = loc;
    c->nargs = nargs;
    c->args = ct_arena_alloc(f->m->facts->arena, (nargs ? nargs : 1) * sizeof(*c->args));
    if (!c->args) {
        f->m->oom = true;
        c->nargs = 0;
    } else if (nargs) {
        memcpy(c->args, args, nargs * sizeof(*args));
    }
    int idx = (int)f->ncalls - 1;
    struct ct_insn *in = emit(f, CT_I_CALL, loc);
    if (in)
        in->call = idx;
    return idx;
}

static struct ct_value result_of(int call)
{
    struct ct_value v = unknown();
    if (call >= 0) {
        v.kind = CT_VAL_RESULT;
        v.call = call;
    }
    return v;
}

/* --- names and values -------------------------------------------------------------------- */

enum ref_kind { R_NONE, R_PATH, R_FUNC, R_CLASS, R_MODULE };

/* What a name refers to in F. */
struct ref {
    enum ref_kind kind;
    struct ct_path path;  /* R_PATH: where its value is stored */
    const char *qual;     /* R_FUNC, R_CLASS, R_MODULE: qualified name */
    bool is_async;        /* R_FUNC defined in this module as async def */
    bool closure;         /* R_FUNC: a nested function taking its environment first */
};

static struct ref resolve_in(struct fb *f, const char *name, int depth);

static struct ref resolve_name(struct fb *f, const char *name)
{
    return resolve_in(f, name, 0);
}

static struct ref resolve_in(struct fb *f, const char *name, int depth)
{
    struct ref r;
    memset(&r, 0, sizeof(r));
    r.path = no_path();
    struct module *m = f->m;
    int pi = param_index(f, name);
    if (pi >= 0) {
        r.kind = R_PATH;
        r.path = param_path(f, pi);
        return r;
    }
    if (is_local(f, name)) {
        r.kind = R_PATH;
        r.path = var_path(f, name);
        return r;
    }
    if (f->parent && f->has_env && !in_list(f->globals, f->nglobals, name) && depth < 16) {
        struct ref up = resolve_in(f->parent, name, depth + 1);
        if (up.kind == R_PATH && up.path.base != CT_BASE_GLOBAL) {
            /* a variable of an enclosing function: read through the environment */
            r.kind = R_PATH;
            r.path = param_path(f, 0);
            path_field(&r.path, name, f->qual); /* the record is the closure's own */
            return r;
        }
        if (up.kind != R_NONE && up.kind != R_PATH)
            return up;
    }
    const struct name_entry *e = find_name(m, name);
    if (!e)
        return r;
    switch (e->kind) {
    case NK_GLOBAL:
        r.kind = R_PATH;
        r.path.base = CT_BASE_GLOBAL;
        r.path.key = usr_of(m, e->value);
        r.path.name = name;
        return r;
    case NK_FUNC:
        r.kind = R_FUNC;
        r.qual = e->value;
        r.is_async = e->is_async;
        return r;
    case NK_CLASS:
        r.kind = R_CLASS;
        r.qual = e->value;
        return r;
    case NK_IMPORT:
        r.kind = R_MODULE; /* a module or a name from one: qualified either way */
        r.qual = e->value;
        return r;
    }
    return r;
}

static const char *class_of_value_node(struct fb *f, TSNode n, int depth);

/* The qualified class (or factory) of what N evaluates to, when known. */
static const char *class_of_value_node(struct fb *f, TSNode n, int depth)
{
    struct module *m = f->m;
    if (depth > 16 || ts_node_is_null(n))
        return NULL;
    if (is(n, "parenthesized_expression") && ts_node_named_child_count(n) == 1)
        return class_of_value_node(f, ts_node_named_child(n, 0), depth + 1);
    if (is(n, "await") && ts_node_named_child_count(n) == 1)
        return NULL;
    if (is(n, "identifier")) {
        const char *name = ntext(m, n);
        if (f->cls && strcmp(name, "self") == 0 && param_index(f, name) == (f->has_env ? 1 : 0))
            return f->cls;
        const char *t = type_get(f, name);
        if (t)
            return t;
        for (struct fb *p = f->parent; p && !is_local(f, name); p = p->parent) {
            if ((t = type_get(p, name)) != NULL)
                return t;
            if (is_local(p, name))
                break;
        }
        if (!is_local(f, name)) {
            const struct name_entry *e = find_name(m, name);
            if (e && e->kind == NK_GLOBAL)
                return e->type;
        }
        return NULL;
    }
    if (is(n, "attribute")) {
        const char *cls = class_of_value_node(f, field(n, "object"), depth + 1);
        if (cls)
            return find_attr_type(m, cls, ntext(m, field(n, "attribute")));
        return NULL;
    }
    if (is(n, "call")) {
        TSNode fn = field(n, "function");
        if (is(fn, "identifier")) {
            struct ref r = resolve_name(f, ntext(m, fn));
            if (r.kind == R_CLASS || r.kind == R_MODULE || r.kind == R_FUNC)
                return r.qual;
            return NULL;
        }
        if (is(fn, "attribute")) {
            const char *q = qualify_dotted(m, fn, 0);
            if (q && !is_local(f, ntext(m, ts_node_named_child(fn, 0))))
                return q;
        }
        return NULL;
    }
    return NULL;
}

/* The qualified callee of a call's function expression that names a function or class (not a
 * method of an object): NULL when it is not one. */
static const char *qualified_callee(struct fb *f, TSNode fn, struct ref *out)
{
    struct module *m = f->m;
    if (is(fn, "identifier")) {
        struct ref r = resolve_name(f, ntext(m, fn));
        if (out)
            *out = r;
        if (r.kind == R_FUNC || r.kind == R_CLASS || r.kind == R_MODULE)
            return r.qual;
        return NULL;
    }
    if (is(fn, "attribute")) {
        /* module.attr chains: the leftmost name must be an import */
        TSNode base = fn;
        int guard = 0;
        while (is(base, "attribute") && guard++ < 16)
            base = field(base, "object");
        if (!is(base, "identifier"))
            return NULL;
        struct ref r = resolve_name(f, ntext(m, base));
        if (r.kind != R_MODULE)
            return NULL;
        if (out)
            *out = r;
        return qualify_dotted(m, fn, 0);
    }
    return NULL;
}

static bool looks_like_class(const char *qual)
{
    const char *last = strrchr(qual, '.');
    last = last ? last + 1 : qual;
    while (*last == '_')
        last++;
    return *last >= 'A' && *last <= 'Z';
}

enum call_mode {
    CALL_NOW,   /* a statement, an assignment, a with item: runs here unless a coroutine */
    CALL_AWAIT, /* await f(...): runs here */
    CALL_ARG    /* an argument of another call, which may run it later */
};

static struct ct_value lower_expr(struct fb *f, TSNode n);
static struct ct_value lower_call(struct fb *f, TSNode n, enum call_mode mode);
static void lower_block(struct fb *f, TSNode n);
static struct ct_value lower_function_def(struct fb *f, TSNode def, const char *cls, bool lambda);

static struct ct_path lower_lvalue(struct fb *f, TSNode n)
{
    struct module *m = f->m;
    if (is(n, "identifier")) {
        struct ref r = resolve_name(f, ntext(m, n));
        if (r.kind == R_PATH)
            return r.path;
        if (in_list(f->globals, f->nglobals, ntext(m, n)) || !f->parent) {
            struct ct_path p = no_path();
            p.base = CT_BASE_GLOBAL;
            p.key = usr_of(m, joinf(m, "%s.%s", m->mod, ntext(m, n)));
            p.name = ntext(m, n);
            return p;
        }
        return no_path();
    }
    if (is(n, "attribute")) {
        TSNode obj = field(n, "object");
        struct ct_value base = lower_expr(f, obj);
        if (base.kind != CT_VAL_LOAD)
            return no_path();
        struct ct_path p = base.path;
        path_field(&p, ntext(m, field(n, "attribute")),
                   field_record(m, class_of_value_node(f, obj, 0)));
        return p;
    }
    if (is(n, "subscript")) {
        (void)lower_expr(f, n);
        return no_path();
    }
    return no_path();
}

/* Lowers the children of N for their calls; N's own value is unknown. */
static void lower_children(struct fb *f, TSNode n)
{
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k; i++) {
        TSNode c = ts_node_named_child(n, i);
        if (is(c, "block") || is(c, "expression_statement") || ts_node_is_named(c))
            (void)lower_expr(f, c);
    }
}

/* A synthetic function: parameter 0 receives the bound data ENV; it calls TARGET (usr, name)
 * with the bound values ENV->a0.. (NBOUND of them) and then PASS parameters of its own. */
static struct ct_value bound_thunk(struct fb *f, struct ct_loc loc, const char *name,
                                   const char *usr, const struct ct_value *bound,
                                   unsigned nbound, unsigned pass)
{
    struct module *m = f->m;
    char qual[512];
    snprintf(qual, sizeof(qual), "%s.<%s:%u>", f->qual, name ? name : "call", loc.line);
    /* the environment: a fresh record (of its own type) whose fields hold the bound values;
     * one value read from storage (a receiver, a coroutine's one argument) is passed itself,
     * as a finalizer gets its object, so that what the function leaves held is named by that
     * storage in the caller (two run_until_complete calls on one client meet there) */
    const char *tq = joinf(m, "%s%s", qual, "");
    bool direct = nbound == 1 && bound[0].kind == CT_VAL_LOAD;
    const char *env = direct ? NULL : temp_name(f, "bound");
    struct ct_path envp = direct ? bound[0].path : local_path(m, env);
    char fname[16];
    for (unsigned i = 0; i < nbound && !direct; i++) {
        struct ct_path dst = envp;
        snprintf(fname, sizeof(fname), "a%u", i);
        path_field(&dst, ct_intern(fname), tq);
        emit_store(f, loc, dst, bound[i]);
    }
    /* the function */
    struct fb t;
    memset(&t, 0, sizeof(t));
    t.m = m;
    t.qual = tq;
    const char *pnames[1 + PASS_PARAMS];
    pnames[0] = ct_intern("$env");
    for (unsigned i = 0; i < pass && i < PASS_PARAMS; i++) {
        snprintf(fname, sizeof(fname), "$p%u", i + 1);
        pnames[1 + i] = ct_intern(fname);
    }
    t.params = pnames;
    t.nparams = 1 + (pass < PASS_PARAMS ? pass : PASS_PARAMS);
    struct ct_value args[16];
    unsigned nargs = 0;
    for (unsigned i = 0; i < nbound && nargs < 16; i++) {
        struct ct_path p = param_path(&t, 0);
        if (!direct) {
            snprintf(fname, sizeof(fname), "a%u", i);
            path_field(&p, ct_intern(fname), tq);
        }
        args[nargs++] = load(p);
    }
    for (unsigned i = 1; i < t.nparams && nargs < 16; i++)
        args[nargs++] = load(param_path(&t, (int)i));
    emit_call(&t, loc, name, usr, args, nargs);
    emit(&t, CT_I_RETURN, loc);

    struct ct_function *fn = CT_PUSH(m->fns, m->nfns, m->capfns);
    if (!fn) {
        m->oom = true;
    } else {
        fn->usr = usr_of(m, t.qual);
        fn->name = name ? name : t.qual; /* the task it starts reads as the function it runs */
        fn->linkage = CT_LINK_INTERNAL;
        fn->is_definition = true;
        fn->loc = loc;
        fn->nparams = t.nparams;
        fn->params = ct_arena_alloc(m->facts->arena, t.nparams * sizeof(*fn->params));
        fn->insns = ct_arena_alloc(m->facts->arena, (t.ninsns ? t.ninsns : 1) * sizeof(*fn->insns));
        fn->calls = ct_arena_alloc(m->facts->arena, (t.ncalls ? t.ncalls : 1) * sizeof(*fn->calls));
        if (!fn->params || !fn->insns || !fn->calls) {
            m->oom = true;
        } else {
            for (unsigned i = 0; i < t.nparams; i++)
                fn->params[i].name = t.params[i];
            fn->ninsns = (unsigned)t.ninsns;
            fn->ncalls = (unsigned)t.ncalls;
            memcpy(fn->insns, t.insns, t.ninsns * sizeof(*fn->insns));
            memcpy(fn->calls, t.calls, t.ncalls * sizeof(*fn->calls));
        }
    }
    free(t.insns);
    free(t.calls);
    struct ct_value v = unknown();
    v.kind = CT_VAL_FUNC;
    v.func = usr_of(m, t.qual);
    v.func_name = t.qual;
    v.path = envp;
    return v;
}

/* The receiver and the name of a method call `obj.m(...)`: CLASS is obj's class when known. */
static bool method_target(struct fb *f, TSNode fn, struct ct_value *recv, const char **name,
                          const char **usr, const char **cls_out)
{
    struct module *m = f->m;
    if (!is(fn, "attribute"))
        return false;
    TSNode obj = field(fn, "object");
    const char *meth = ntext(m, field(fn, "attribute"));
    const char *cls = class_of_value_node(f, obj, 0);
    *recv = lower_expr(f, obj);
    {
        const char *t = ntext(m, obj);
        if (strlen(t) <= TEXT_MAX)
            recv->text = t;
    }
    if (cls) {
        *name = joinf(m, "%s.%s", method_owner(m, cls, meth), meth);
        *usr = usr_of(m, *name);
    } else {
        *name = joinf(m, ".%s%s", meth, "");
        *usr = NULL;
    }
    if (cls_out)
        *cls_out = cls;
    return true;
}

/* The value of `obj.m` used as a value (not called): a bound method when m is a method of obj's
 * class defined here; else a load of the attribute. */
static bool class_defined_here(struct module *m, const char *cls)
{
    for (size_t i = 0; i < m->nnames; i++)
        if (m->names[i].kind == NK_CLASS && m->names[i].value == cls)
            return true;
    return false;
}

static struct ct_value lower_attribute(struct fb *f, TSNode n, bool as_arg)
{
    struct module *m = f->m;
    struct ref r;
    memset(&r, 0, sizeof(r));
    const char *q = qualified_callee(f, n, &r);
    if (q) {
        struct ct_value v = unknown();
        v.kind = CT_VAL_FUNC;
        v.func = usr_of(m, q);
        v.func_name = q;
        return v;
    }
    TSNode obj = field(n, "object");
    const char *attr = ntext(m, field(n, "attribute"));
    const char *cls = class_of_value_node(f, obj, 0);
    struct ct_value base = lower_expr(f, obj);
    const char *owner = cls ? method_owner(m, cls, attr) : NULL;
    if (cls && (find_method(m, cls, attr) ||
                (as_arg && (!class_defined_here(m, cls) || owner != cls) &&
                 !find_attr_type(m, cls, attr)))) {
        /* a bound method: of a class defined here (or a base class), or (handed to another
         * call) of a class from elsewhere, which packs or another module may know */
        const char *name = joinf(m, "%s.%s", owner, attr);
        return bound_thunk(f, loc_of(m, n), name, usr_of(m, name), &base, 1, PASS_PARAMS);
    }
    if (base.kind != CT_VAL_LOAD)
        return unknown();
    struct ct_path p = base.path;
    path_field(&p, attr, field_record(m, cls));
    return load(p);
}

/* Arguments of a call: positional ones first, then keyword arguments (each spelled `name=...`
 * in its text) in order. A call among them whose result is a coroutine that is not awaited here
 * (a call of an async function, or of a function not defined in this module) is bound, not
 * called. */
static unsigned lower_args(struct fb *f, TSNode argl, struct ct_value *out, unsigned max)
{
    struct module *m = f->m;
    unsigned n = 0;
    if (ts_node_is_null(argl))
        return 0;
    if (is(argl, "generator_expression")) {
        (void)lower_expr(f, argl);
        return 0;
    }
    uint32_t k = ts_node_named_child_count(argl);
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t i = 0; i < k; i++) {
            TSNode a = ts_node_named_child(argl, i);
            if (is(a, "comment"))
                continue;
            bool kw = is(a, "keyword_argument");
            if ((pass == 0) == kw)
                continue;
            TSNode e = kw ? field(a, "value") : a;
            struct ct_value v;
            if (is(e, "list_splat") || is(e, "dictionary_splat")) {
                (void)lower_expr(f, e);
                v = unknown();
            } else if (is(e, "call")) {
                v = lower_call(f, e, CALL_ARG);
            } else if (is(e, "attribute")) {
                v = lower_attribute(f, e, true);
            } else {
                v = lower_expr(f, e);
            }
            if (kw || v.kind != CT_VAL_FUNC) {
                const char *t = ntext(m, a);
                if (strlen(t) <= TEXT_MAX)
                    v.text = t;
            }
            if (n < max)
                out[n++] = v;
        }
    }
    return n;
}

/* Whether a call of FN (a function expression) surely runs now when called: a function or
 * method defined here without async, a class, or a builtin. Else, as an argument of another
 * call, it is taken to make a coroutine that call runs (asyncio.create_task(worker(stack))). */
static int callee_sync(struct fb *f, TSNode fn)
{
    struct module *m = f->m;
    struct ref r;
    memset(&r, 0, sizeof(r));
    const char *q = qualified_callee(f, fn, &r);
    if (q) {
        if (r.kind == R_FUNC)
            return r.is_async ? 0 : 1;
        if (r.kind == R_CLASS || looks_like_class(q))
            return 1;
        return -1; /* from another module: not known */
    }
    if (is(fn, "identifier"))
        return resolve_name(f, ntext(m, fn)).kind == R_PATH ? -1 : 1;
    if (is(fn, "attribute")) {
        const char *cls = class_of_value_node(f, field(fn, "object"), 0);
        const struct method_entry *me =
            cls ? find_method(m, cls, ntext(m, field(fn, "attribute"))) : NULL;
        if (me)
            return me->is_async ? 0 : 1;
    }
    return -1;
}

static struct ct_value lower_call_now(struct fb *f, TSNode n);

/* Lowers a call: run here, or (a coroutine not awaited here, an argument another call may run
 * later) bound to its arguments as a function value. */
static struct ct_value lower_call_bounded(struct fb *f, TSNode n, enum call_mode mode);

static struct ct_value lower_call(struct fb *f, TSNode n, enum call_mode mode)
{
    if (f->depth + 1 > MAX_DEPTH || f->m->oom)
        return unknown();
    f->depth++;
    struct ct_value v = lower_call_bounded(f, n, mode);
    f->depth--;
    return v;
}

static struct ct_value lower_call_bounded(struct fb *f, TSNode n, enum call_mode mode)
{
    TSNode fn = field(n, "function");
    int sync = mode == CALL_AWAIT ? 1 : callee_sync(f, fn);
    if (sync == 0 || (sync < 0 && mode == CALL_ARG)) {
        struct module *m = f->m;
        struct ct_value args[16];
        unsigned nargs = 0;
        const char *name = NULL, *usr = NULL;
        struct ct_value recv;
        struct ref r;
        memset(&r, 0, sizeof(r));
        const char *q = qualified_callee(f, fn, &r);
        if (q) {
            name = q;
            usr = usr_of(m, q);
        } else if (method_target(f, fn, &recv, &name, &usr, NULL)) {
            args[nargs++] = recv;
        } else if (is(fn, "identifier")) {
            /* a local holding a function: not followed */
            nargs += lower_args(f, field(n, "arguments"), args, 16);
            return unknown();
        }
        nargs += lower_args(f, field(n, "arguments"), args + nargs, 16 - nargs);
        return bound_thunk(f, loc_of(m, n), name, usr, args, nargs, 0);
    }
    return lower_call_now(f, n);
}

static struct ct_value lower_call_now(struct fb *f, TSNode n)
{
    struct module *m = f->m;
    TSNode fn = field(n, "function");
    struct ct_loc loc = loc_of(m, n);
    struct ct_value args[16];
    unsigned nargs = 0;
    struct ref r;
    memset(&r, 0, sizeof(r));
    const char *q = qualified_callee(f, fn, &r);
    if (q && r.kind != R_FUNC && (r.kind == R_CLASS || looks_like_class(q))) {
        /* constructing an object: the class (for packs), then __init__ with the new object,
         * then its finalizer registered */
        const char *obj = temp_name(f, "new");
        struct ct_path objp = local_path(m, obj);
        nargs = lower_args(f, field(n, "arguments"), args + 1, 15);
        int c = emit_call(f, loc, q, NULL, args + 1, nargs);
        if (c >= 0)
            f->calls[c].result_to = objp;
        args[0] = load(objp);
        const char *init = joinf(m, "%s.%s", q, "__init__");
        emit_call(f, loc, init, usr_of(m, init), args, nargs + 1);
        if (r.kind == R_CLASS || find_method(m, q, ct_intern("__del__"))) {
            const char *del = joinf(m, "%s.%s", q, "__del__");
            struct ct_value fv = unknown();
            fv.kind = CT_VAL_FUNC;
            fv.func = usr_of(m, del);
            fv.func_name = del;
            fv.path = objp;
            emit_call(f, loc, ct_intern("__del__"), NULL, &fv, 1);
        }
        struct ct_value v = load(objp);
        v.text = NULL;
        return v;
    }
    if (q) {
        const char *usr = usr_of(m, q);
        if (r.kind == R_FUNC && r.closure) {
            /* unreachable: nested functions resolve as locals */
        }
        nargs = lower_args(f, field(n, "arguments"), args, 16);
        return result_of(emit_call(f, loc, q, usr, args, nargs));
    }
    if (is(fn, "identifier")) {
        struct ref lr = resolve_name(f, ntext(m, fn));
        if (lr.kind == R_PATH) {
            /* a local holding a function: a nested function (with its environment) or a
             * callable passed in */
            nargs = lower_args(f, field(n, "arguments"), args, 16);
            int c = emit_call(f, loc, NULL, NULL, args, nargs);
            if (c >= 0)
                f->calls[c].callee_value = load(lr.path);
            return result_of(c);
        }
        /* a builtin or an unknown name: named as written, resolved by packs only */
        nargs = lower_args(f, field(n, "arguments"), args, 16);
        return result_of(emit_call(f, loc, ntext(m, fn), NULL, args, nargs));
    }
    const char *name = NULL, *usr = NULL;
    struct ct_value recv;
    if (method_target(f, fn, &recv, &name, &usr, NULL)) {
        args[nargs++] = recv;
        nargs += lower_args(f, field(n, "arguments"), args + 1, 15);
        return result_of(emit_call(f, loc, name, usr, args, nargs));
    }
    (void)lower_expr(f, fn);
    nargs = lower_args(f, field(n, "arguments"), args, 16);
    int c = emit_call(f, loc, NULL, NULL, args, nargs);
    return result_of(c);
}

#define MAX_ITER_ELEMS 8 /* elements of a literal tuple or list a loop variable may take */

/* Lowers the iterable N of a loop: the values of its elements when it is a literal tuple or list
 * of at most MAX_ITER_ELEMS (stored in VALS, their number returned), else 0 (unknown). */
static unsigned lower_iterable(struct fb *f, TSNode n, struct ct_value *vals)
{
    while (is(n, "parenthesized_expression") && ts_node_named_child_count(n) == 1)
        n = ts_node_named_child(n, 0);
    if (!is(n, "tuple") && !is(n, "list")) {
        (void)lower_expr(f, n);
        return 0;
    }
    uint32_t k = ts_node_named_child_count(n);
    unsigned nv = 0;
    for (uint32_t i = 0; i < k; i++) {
        TSNode e = ts_node_named_child(n, i);
        struct ct_value v = lower_expr(f, e);
        if (is(e, "comment"))
            continue;
        if (nv < MAX_ITER_ELEMS && !is(e, "list_splat"))
            vals[nv++] = v;
        else
            nv = MAX_ITER_ELEMS + 1;
    }
    return nv <= MAX_ITER_ELEMS ? nv : 0;
}

/* Binds the loop variable TARGET to one of the NV values VALS (each on a path of its own), or to
 * an unknown value when NV is 0. */
static void bind_loop_target(struct fb *f, struct ct_loc loc, TSNode target,
                             const struct ct_value *vals, unsigned nv)
{
    if (!is(target, "identifier"))
        return;
    struct ct_path dst = lower_lvalue(f, target);
    if (dst.base == CT_BASE_NONE)
        return;
    if (nv <= 1) {
        emit_store(f, loc, dst, nv ? vals[0] : unknown());
        return;
    }
    struct ct_insn *sw = emit(f, CT_I_SWITCH, loc);
    unsigned swi = here(f) - 1;
    unsigned *targets = arena_targets(f, nv);
    if (!sw || !targets)
        return;
    f->insns[swi].ntargets = nv;
    f->insns[swi].targets = targets;
    unsigned ends[MAX_ITER_ELEMS];
    for (unsigned i = 0; i < nv; i++) {
        f->insns[swi].targets[i] = here(f);
        emit_store(f, loc, dst, vals[i]);
        ends[i] = emit_jump(f, loc, ~0u);
    }
    for (unsigned i = 0; i < nv; i++)
        set_target(f, ends[i], 0, here(f));
}

/* A comprehension or generator expression, run here zero or more times: its iterables, then a
 * loop that binds its variables (as variables of F) and evaluates its conditions and its
 * element. A generator expression runs later, as it is consumed, but in the consuming task. */
static void lower_comprehension(struct fb *f, TSNode n)
{
    struct module *m = f->m;
    struct ct_loc loc = loc_of(m, n);
    uint32_t k = ts_node_named_child_count(n);
    struct ct_value vals[4][MAX_ITER_ELEMS];
    unsigned nvals[4] = {0, 0, 0, 0};
    unsigned nfor = 0;
    for (uint32_t i = 0; i < k; i++) {
        TSNode c = ts_node_named_child(n, i);
        if (!is(c, "for_in_clause"))
            continue;
        if (nfor < 4)
            nvals[nfor] = lower_iterable(f, field(c, "right"), vals[nfor]);
        else
            (void)lower_expr(f, field(c, "right"));
        nfor++;
    }
    unsigned head = here(f);
    unsigned br = emit_branch(f, loc, head + 1, ~0u);
    nfor = 0;
    for (uint32_t i = 0; i < k; i++) {
        TSNode c = ts_node_named_child(n, i);
        if (is(c, "for_in_clause")) {
            TSNode l = field(c, "left");
            if (is(l, "identifier") && is_local(f, ntext(m, l)))
                bind_loop_target(f, loc, l, nfor < 4 ? vals[nfor] : NULL,
                                 nfor < 4 ? nvals[nfor] : 0);
            nfor++;
        } else if (is(c, "if_clause")) {
            lower_children(f, c);
        }
    }
    TSNode body = field(n, "body");
    if (!ts_node_is_null(body))
        (void)lower_expr(f, body);
    emit_jump(f, loc, head);
    set_target(f, br, 1, here(f));
}

static struct ct_value lower_expr(struct fb *f, TSNode n)
{
    struct module *m = f->m;
    if (ts_node_is_null(n) || m->oom)
        return unknown();
    if (++f->depth > MAX_DEPTH) {
        f->depth--;
        return unknown();
    }
    struct ct_value v = unknown();
    const char *t = ts_node_type(n);
    if (strcmp(t, "identifier") == 0) {
        const char *name = ntext(m, n);
        struct ref r = resolve_name(f, name);
        if (r.kind == R_PATH) {
            v = load(r.path);
        } else if (r.kind == R_FUNC || r.kind == R_MODULE || r.kind == R_CLASS) {
            v.kind = CT_VAL_FUNC;
            v.func = usr_of(m, r.qual);
            v.func_name = r.qual;
        } else if (strcmp(name, "None") == 0) {
            v.kind = CT_VAL_CONST;
        }
    } else if (strcmp(t, "none") == 0 || strcmp(t, "false") == 0) {
        v.kind = CT_VAL_CONST;
    } else if (strcmp(t, "integer") == 0) {
        v.kind = CT_VAL_CONST;
        v.const_value = strtoll(ntext(m, n), NULL, 0);
    } else if (strcmp(t, "attribute") == 0) {
        v = lower_attribute(f, n, false);
    } else if (strcmp(t, "call") == 0) {
        v = lower_call(f, n, CALL_NOW);
    } else if (strcmp(t, "await") == 0) {
        TSNode e = ts_node_named_child(n, 0);
        v = is(e, "call") ? lower_call(f, e, CALL_AWAIT) : lower_expr(f, e);
    } else if (strcmp(t, "parenthesized_expression") == 0) {
        if (ts_node_named_child_count(n) == 1)
            v = lower_expr(f, ts_node_named_child(n, 0));
        else
            lower_children(f, n);
    } else if (strcmp(t, "tuple") == 0 || strcmp(t, "list") == 0) {
        /* a sequence stands for its first element (args=(ctx,) for a thread) */
        uint32_t k = ts_node_named_child_count(n);
        for (uint32_t i = 0; i < k; i++) {
            struct ct_value e = lower_expr(f, ts_node_named_child(n, i));
            if (i == 0)
                v = e;
        }
    } else if (strcmp(t, "lambda") == 0) {
        v = lower_function_def(f, n, NULL, true);
    } else if (strcmp(t, "conditional_expression") == 0 || strcmp(t, "boolean_operator") == 0) {
        lower_children(f, n);
    } else if (strcmp(t, "string") == 0 || strcmp(t, "float") == 0 || strcmp(t, "true") == 0) {
        v = unknown();
    } else if (strcmp(t, "yield") == 0) {
        lower_children(f, n);
        if (f->gen_phase == 1) {
            /* the enter half ends at the yield: the blocks around it stay entered */
            emit(f, CT_I_RETURN, loc_of(m, n));
        } else if (f->gen_phase == 2 && !f->gen_resumed) {
            /* the exit half starts just after it */
            set_target(f, f->gen_jump, 0, here(f));
            f->gen_resumed = true;
        }
    } else if (strcmp(t, "list_comprehension") == 0 || strcmp(t, "generator_expression") == 0 ||
               strcmp(t, "set_comprehension") == 0 ||
               strcmp(t, "dictionary_comprehension") == 0) {
        lower_comprehension(f, n);
    } else if (ts_node_is_named(n)) {
        lower_children(f, n);
    }
    f->depth--;
    return v;
}

/* --- statements --------------------------------------------------------------------------- */

static struct cleanup *push_cleanup(struct fb *f, enum cleanup_kind kind)
{
    struct cleanup *c = CT_PUSH(f->cl, f->ncl, f->capcl);
    if (!c) {
        f->m->oom = true;
        return NULL;
    }
    memset(c, 0, sizeof(*c));
    c->kind = kind;
    c->cm = no_path();
    return c;
}

static void pop_cleanup(struct fb *f)
{
    if (f->ncl == 0)
        return;
    struct cleanup *c = &f->cl[--f->ncl];
    free(c->breaks);
    free(c->conts);
}

/* Emits what leaving the cleanups above index DOWNTO (exclusive) runs: with exits and finally
 * bodies, innermost first. */
static void emit_cleanups(struct fb *f, size_t downto, struct ct_loc loc)
{
    for (size_t i = f->ncl; i > downto && !f->m->oom; i--) {
        struct cleanup c = f->cl[i - 1];
        if (c.kind == CL_WITH) {
            struct ct_value a = load(c.cm);
            a.text = c.text;
            emit_call(f, loc, c.exit_name, c.exit_usr, &a, 1);
        } else if (c.kind == CL_FINALLY && f->finally_depth < MAX_FINALLY) {
            /* the finally body runs with only the cleanups outside it; the ones from this one
             * up are set aside meanwhile, so that the body's own with and try blocks do not
             * overwrite them */
            size_t saved = f->ncl, keep = saved - (i - 1);
            struct cleanup *aside = malloc(keep * sizeof(*aside));
            if (!aside) {
                f->m->oom = true;
                return;
            }
            memcpy(aside, &f->cl[i - 1], keep * sizeof(*aside));
            f->ncl = i - 1;
            f->finally_depth++;
            lower_block(f, c.body);
            f->finally_depth--;
            while (f->ncl > i - 1)
                pop_cleanup(f);
            memcpy(&f->cl[i - 1], aside, keep * sizeof(*aside));
            free(aside);
            f->ncl = saved;
        }
    }
}

static int innermost(const struct fb *f, enum cleanup_kind kind)
{
    for (size_t i = f->ncl; i > 0; i--)
        if (f->cl[i - 1].kind == kind)
            return (int)i - 1;
    return -1;
}

static void lower_stmt(struct fb *f, TSNode n);

static void lower_block(struct fb *f, TSNode n)
{
    if (ts_node_is_null(n))
        return;
    if (!is(n, "block") && !is(n, "module") && !is(n, "ERROR")) {
        lower_stmt(f, n);
        return;
    }
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k && !f->m->oom; i++)
        lower_stmt(f, ts_node_named_child(n, i));
}

static void lower_assignment(struct fb *f, TSNode a)
{
    struct module *m = f->m;
    TSNode l = field(a, "left"), r = field(a, "right");
    struct ct_loc loc = loc_of(m, a);
    struct ct_value v;
    if (is(r, "assignment")) {
        lower_assignment(f, r);
        v = lower_expr(f, field(r, "left"));
    } else {
        v = ts_node_is_null(r) ? unknown() : lower_expr(f, r);
    }
    if (is(l, "identifier")) {
        const char *name = ntext(m, l);
        const char *type = NULL;
        if (is(r, "call"))
            type = class_of_value_node(f, r, 0);
        else if (is(r, "identifier") || is(r, "attribute"))
            type = class_of_value_node(f, r, 0);
        if (!type && !ts_node_is_null(field(a, "type")))
            type = qualify_dotted(m, field(a, "type"), 0);
        type_set(f, name, type);
    }
    if (is(l, "identifier") || is(l, "attribute")) {
        struct ct_path dst = lower_lvalue(f, l);
        if (v.kind == CT_VAL_UNKNOWN && ts_node_is_null(r))
            return;
        emit_store(f, loc, dst, v);
    } else {
        lower_children(f, l);
    }
}

/* with / async with: each item entered in order, exited in reverse on every way out. */
static void lower_with(struct fb *f, TSNode n)
{
    struct module *m = f->m;
    bool async = has_async(n);
    TSNode clause = ts_node_named_child(n, 0);
    size_t base = f->ncl;
    if (is(clause, "with_clause")) {
        uint32_t k = ts_node_named_child_count(clause);
        for (uint32_t i = 0; i < k; i++) {
            TSNode item = ts_node_named_child(clause, i);
            if (!is(item, "with_item")) /* a line continuation, a comment */
                continue;
            TSNode val = field(item, "value");
            if (ts_node_is_null(val))
                continue;
            TSNode target = {0};
            bool has_target = false;
            if (is(val, "as_pattern")) {
                TSNode alias = field(val, "alias");
                if (!ts_node_is_null(alias) && ts_node_named_child_count(alias) > 0) {
                    target = ts_node_named_child(alias, 0);
                    has_target = true;
                }
                val = ts_node_named_child(val, 0);
            }
            struct ct_loc loc = loc_of(m, val);
            const char *cls = class_of_value_node(f, val, 0);
            if (!cls && is(val, "call") && is(field(val, "function"), "attribute")) {
                /* `with self.session():` of a generator method: its halves */
                TSNode fn = field(val, "function");
                const char *oc = class_of_value_node(f, field(fn, "object"), 0);
                const struct method_entry *me =
                    oc ? find_method(m, oc, ntext(m, field(fn, "attribute"))) : NULL;
                if (me && me->gen_cm)
                    cls = joinf(m, "%s.%s", me->cls, me->name);
            }
            struct ct_value cv = lower_expr(f, val);
            struct ct_path cm;
            if (cv.kind == CT_VAL_LOAD && cv.path.base != CT_BASE_NONE) {
                cm = cv.path;
            } else {
                cm = var_path(f, temp_name(f, "cm"));
                emit_store(f, loc, cm, cv);
            }
            const char *enter = async ? "__aenter__" : "__enter__";
            const char *exitm = async ? "__aexit__" : "__exit__";
            const char *en = cls ? joinf(m, "%s.%s", cls, enter) : joinf(m, ".%s%s", enter, "");
            const char *ex = cls ? joinf(m, "%s.%s", cls, exitm) : joinf(m, ".%s%s", exitm, "");
            struct ct_value a = load(cm);
            const char *spelled = ntext(m, has_target ? target : val);
            a.text = strlen(spelled) <= TEXT_MAX ? spelled : NULL;
            emit_call(f, loc, en, cls ? usr_of(m, en) : NULL, &a, 1);
            if (has_target) {
                /* the target is what __enter__ returns: for context managers that return
                 * themselves (scopes, task groups, exit stacks, sessions), the object */
                if (is(target, "identifier")) {
                    emit_store(f, loc, lower_lvalue(f, target), load(cm));
                    type_set(f, ntext(m, target), cls);
                } else if (is(target, "attribute")) {
                    emit_store(f, loc, lower_lvalue(f, target), load(cm));
                }
            }
            struct cleanup *c = push_cleanup(f, CL_WITH);
            if (c) {
                c->cm = cm;
                c->text = a.text;
                c->exit_name = ex;
                c->exit_usr = cls ? usr_of(m, ex) : NULL;
                c->loc = loc;
            }
        }
    }
    lower_block(f, field(n, "body"));
    TSPoint end = ts_node_end_point(n);
    struct ct_loc eloc = {m->file, end.row + 1, end.column + 1};
    (void)eloc;
    /* the normal way out: exits at the with statement's own position, innermost first */
    while (f->ncl > base) {
        struct cleanup c = f->cl[f->ncl - 1];
        if (c.kind == CL_WITH) {
            struct ct_value a = load(c.cm);
            a.text = c.text;
            emit_call(f, c.loc, c.exit_name, c.exit_usr, &a, 1);
        }
        pop_cleanup(f);
    }
}

static void lower_if(struct fb *f, TSNode n)
{
    struct module *m = f->m;
    unsigned ends[64];
    unsigned nends = 0;
    TSNode cur = n;
    (void)lower_expr(f, field(cur, "condition"));
    unsigned br = emit_branch(f, loc_of(m, n), here(f) + 1, ~0u);
    lower_block(f, field(cur, "consequence"));
    ends[nends++] = emit_jump(f, loc_of(m, n), ~0u);
    set_target(f, br, 1, here(f));
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k; i++) {
        TSNode c = ts_node_named_child(n, i);
        if (is(c, "elif_clause")) {
            (void)lower_expr(f, field(c, "condition"));
            unsigned b2 = emit_branch(f, loc_of(m, c), here(f) + 1, ~0u);
            lower_block(f, field(c, "consequence"));
            if (nends < 64)
                ends[nends++] = emit_jump(f, loc_of(m, c), ~0u);
            set_target(f, b2, 1, here(f));
        } else if (is(c, "else_clause")) {
            lower_block(f, field(c, "body"));
        }
    }
    for (unsigned i = 0; i < nends; i++)
        set_target(f, ends[i], 0, here(f));
}

static void lower_loop(struct fb *f, TSNode n, bool is_for)
{
    struct module *m = f->m;
    struct ct_loc loc = loc_of(m, n);
    struct ct_value vals[MAX_ITER_ELEMS];
    unsigned nv = 0;
    if (is_for)
        nv = lower_iterable(f, field(n, "right"), vals);
    unsigned head = here(f);
    if (!is_for)
        (void)lower_expr(f, field(n, "condition"));
    unsigned br = emit_branch(f, loc, here(f) + 1, ~0u);
    if (is_for)
        bind_loop_target(f, loc, field(n, "left"), vals, nv);
    struct cleanup *c = push_cleanup(f, CL_LOOP);
    size_t ci = f->ncl - 1;
    lower_block(f, field(n, "body"));
    emit_jump(f, loc, head);
    unsigned after_body = here(f);
    set_target(f, br, 1, after_body);
    /* else clause: runs when the loop ends without break */
    TSNode alt = field(n, "alternative");
    if (!ts_node_is_null(alt))
        lower_block(f, field(alt, "body"));
    unsigned after = here(f);
    if (c && ci < f->ncl) {
        struct cleanup *lc = &f->cl[ci];
        for (unsigned i = 0; i < lc->nbreaks; i++)
            set_target(f, lc->breaks[i], 0, after);
        for (unsigned i = 0; i < lc->nconts; i++)
            set_target(f, lc->conts[i], 0, head);
    }
    while (f->ncl > ci)
        pop_cleanup(f);
}

static void lower_try(struct fb *f, TSNode n)
{
    struct module *m = f->m;
    struct ct_loc loc = loc_of(m, n);
    TSNode fin = {0};
    bool has_fin = false, has_handlers = false;
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k; i++) {
        TSNode c = ts_node_named_child(n, i);
        if (is(c, "finally_clause")) {
            fin = c;
            has_fin = true;
        } else if (is(c, "except_clause") || is(c, "except_group_clause")) {
            has_handlers = true;
        }
    }
    size_t base = f->ncl;
    if (has_fin) {
        struct cleanup *c = push_cleanup(f, CL_FINALLY);
        if (c) {
            uint32_t fk = ts_node_named_child_count(fin);
            c->body = fk ? ts_node_named_child(fin, fk - 1) : fin;
        }
    }
    size_t try_index = f->ncl;
    if (has_handlers)
        push_cleanup(f, CL_TRY);
    /* an exception may come from anywhere in the body: before it and after it */
    unsigned sw0 = has_handlers ? emit_branch(f, loc, here(f) + 1, ~0u) : 0;
    lower_block(f, field(n, "body"));
    unsigned sw1 = has_handlers ? emit_branch(f, loc, here(f) + 1, ~0u) : 0;
    /* else clause on the normal path */
    for (uint32_t i = 0; i < k; i++) {
        TSNode c = ts_node_named_child(n, i);
        if (is(c, "else_clause"))
            lower_block(f, field(c, "body"));
    }
    unsigned ends[64];
    unsigned nends = 0;
    if (has_handlers) {
        ends[nends++] = emit_jump(f, loc, ~0u);
        unsigned handlers = here(f);
        set_target(f, sw0, 1, handlers);
        set_target(f, sw1, 1, handlers);
        if (try_index < f->ncl) {
            struct cleanup *tc = &f->cl[try_index];
            for (unsigned i = 0; i < tc->nbreaks; i++)
                set_target(f, tc->breaks[i], 0, handlers);
        }
        while (f->ncl > try_index)
            pop_cleanup(f);
        /* handlers: any one of them, or none matching (the exception goes on) */
        unsigned prev = ~0u;
        for (uint32_t i = 0; i < k; i++) {
            TSNode c = ts_node_named_child(n, i);
            if (!is(c, "except_clause") && !is(c, "except_group_clause"))
                continue;
            if (prev != ~0u)
                set_target(f, prev, 1, here(f));
            prev = emit_branch(f, loc_of(m, c), here(f) + 1, ~0u);
            uint32_t ck = ts_node_named_child_count(c);
            for (uint32_t j = 0; j < ck; j++)
                if (is(ts_node_named_child(c, j), "block"))
                    lower_block(f, ts_node_named_child(c, j));
            if (nends < 64)
                ends[nends++] = emit_jump(f, loc_of(m, c), ~0u);
        }
        if (prev != ~0u) {
            /* no handler matched: the exception leaves through the cleanups outside */
            set_target(f, prev, 1, here(f));
            emit_cleanups(f, 0, loc);
            emit(f, CT_I_RETURN, loc);
        }
    }
    for (unsigned i = 0; i < nends; i++)
        set_target(f, ends[i], 0, here(f));
    while (f->ncl > base)
        pop_cleanup(f);
    if (has_fin) {
        uint32_t fk = ts_node_named_child_count(fin);
        if (fk)
            lower_block(f, ts_node_named_child(fin, fk - 1));
    }
}

static void lower_stmt(struct fb *f, TSNode n)
{
    struct module *m = f->m;
    if (ts_node_is_null(n) || m->oom)
        return;
    if (++f->depth > MAX_DEPTH) {
        f->depth--;
        return;
    }
    struct ct_loc loc = loc_of(m, n);
    TSNode d = unwrap_decorated(n);
    if (is(n, "expression_statement")) {
        uint32_t k = ts_node_named_child_count(n);
        for (uint32_t i = 0; i < k; i++) {
            TSNode e = ts_node_named_child(n, i);
            if (is(e, "assignment"))
                lower_assignment(f, e);
            else if (is(e, "augmented_assignment"))
                (void)lower_expr(f, field(e, "right"));
            else if (is(e, "call"))
                (void)lower_call(f, e, CALL_NOW);
            else
                (void)lower_expr(f, e);
        }
    } else if (is(n, "with_statement")) {
        lower_with(f, n);
    } else if (is(n, "if_statement")) {
        lower_if(f, n);
    } else if (is(n, "for_statement")) {
        lower_loop(f, n, true);
    } else if (is(n, "while_statement")) {
        lower_loop(f, n, false);
    } else if (is(n, "try_statement")) {
        lower_try(f, n);
    } else if (is(n, "return_statement")) {
        struct ct_value v = unknown();
        if (ts_node_named_child_count(n) > 0)
            v = lower_expr(f, ts_node_named_child(n, 0));
        emit_cleanups(f, 0, loc);
        struct ct_insn *in = emit(f, CT_I_RETURN, loc);
        if (in)
            in->src = v;
    } else if (is(n, "raise_statement")) {
        lower_children(f, n);
        int t = innermost(f, CL_TRY);
        if (t >= 0) {
            emit_cleanups(f, (size_t)t + 1, loc);
            unsigned j = emit_jump(f, loc, ~0u);
            push_u(f, &f->cl[t].breaks, &f->cl[t].nbreaks, &f->cl[t].capbreaks, j);
        } else {
            emit_cleanups(f, 0, loc);
            emit(f, CT_I_RETURN, loc);
        }
    } else if (is(n, "break_statement") || is(n, "continue_statement")) {
        int l = innermost(f, CL_LOOP);
        if (l >= 0) {
            emit_cleanups(f, (size_t)l + 1, loc);
            unsigned j = emit_jump(f, loc, ~0u);
            struct cleanup *c = &f->cl[l];
            if (is(n, "break_statement"))
                push_u(f, &c->breaks, &c->nbreaks, &c->capbreaks, j);
            else
                push_u(f, &c->conts, &c->nconts, &c->capconts, j);
        }
    } else if (is(d, "function_definition")) {
        /* a nested function: a local bound to its environment */
        struct ct_value v = lower_function_def(f, d, NULL, false);
        const char *name = ntext(m, field(d, "name"));
        if (f->parent || f->cls || is_local(f, name))
            emit_store(f, loc, lower_lvalue(f, field(d, "name")), v);
    } else if (is(d, "class_definition")) {
        /* methods are lowered by the module walk; nested classes are not */
    } else if (is(n, "block") || is(n, "ERROR")) {
        lower_block(f, n);
    } else if (is(n, "match_statement")) {
        (void)lower_expr(f, field(n, "subject"));
        TSNode body = field(n, "body");
        uint32_t k = ts_node_named_child_count(body);
        unsigned prev = ~0u;
        unsigned ends[64];
        unsigned nends = 0;
        for (uint32_t i = 0; i < k; i++) {
            TSNode c = ts_node_named_child(body, i);
            if (prev != ~0u)
                set_target(f, prev, 1, here(f));
            prev = emit_branch(f, loc_of(m, c), here(f) + 1, ~0u);
            lower_block(f, field(c, "consequence"));
            if (nends < 64)
                ends[nends++] = emit_jump(f, loc, ~0u);
        }
        if (prev != ~0u)
            set_target(f, prev, 1, here(f));
        for (unsigned i = 0; i < nends; i++)
            set_target(f, ends[i], 0, here(f));
    } else if (is(n, "import_statement") || is(n, "import_from_statement") ||
               is(n, "global_statement") || is(n, "nonlocal_statement") ||
               is(n, "pass_statement") || is(n, "comment")) {
        /* nothing runs */
    } else if (ts_node_is_named(n)) {
        lower_children(f, n);
    }
    f->depth--;
}

/* --- functions ---------------------------------------------------------------------------- */

static void add_param(struct fb *f, const char *name)
{
    size_t cap = f->capparams;
    if (ct_grow((void **)&f->params, &cap, (size_t)f->nparams + 1, sizeof(*f->params)) != 0) {
        f->m->oom = true;
        return;
    }
    f->capparams = (unsigned)cap;
    f->params[f->nparams++] = name;
}

static void collect_params(struct fb *f, TSNode params)
{
    struct module *m = f->m;
    uint32_t k = ts_node_named_child_count(params);
    for (uint32_t i = 0; i < k; i++) {
        TSNode p = ts_node_named_child(params, i);
        TSNode id = {0};
        TSNode type = {0};
        bool have = false;
        if (is(p, "identifier")) {
            id = p;
            have = true;
        } else if (is(p, "default_parameter") || is(p, "typed_default_parameter")) {
            id = field(p, "name");
            type = field(p, "type");
            have = is(id, "identifier");
        } else if (is(p, "typed_parameter")) {
            type = field(p, "type");
            TSNode c = ts_node_named_child(p, 0);
            if (is(c, "identifier")) {
                id = c;
                have = true;
            }
        } else if (is(p, "list_splat_pattern") || is(p, "dictionary_splat_pattern")) {
            /* *args, **kwargs: not positional parameters */
            continue;
        } else if (is(p, "keyword_separator") || is(p, "positional_separator")) {
            continue;
        }
        if (!have)
            continue;
        const char *name = ntext(m, id);
        add_param(f, name);
        if (!ts_node_is_null(type))
            type_set(f, name, qualify_dotted(m, type, 0));
    }
}

/* The names G (nested in F) reads that are variables of F: what its environment holds. */
static void collect_free(struct fb *g, struct fb *f, TSNode n, const char **seen, size_t *nseen,
                         int depth)
{
    if (depth > MAX_DEPTH || ts_node_is_null(n) || *nseen >= 64)
        return;
    if (is(n, "identifier")) {
        const char *name = ntext(g->m, n);
        if (is_local(g, name) || in_list(seen, *nseen, name))
            return;
        struct ref r = resolve_name(f, name);
        if (r.kind == R_PATH && r.path.base != CT_BASE_GLOBAL)
            seen[(*nseen)++] = name;
        return;
    }
    if (is(n, "attribute")) {
        collect_free(g, f, field(n, "object"), seen, nseen, depth + 1);
        return;
    }
    if (is(n, "keyword_argument")) {
        collect_free(g, f, field(n, "value"), seen, nseen, depth + 1);
        return;
    }
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k; i++)
        collect_free(g, f, ts_node_named_child(n, i), seen, nseen, depth + 1);
}

/* Adds G's instructions and calls to the module as a function named G->qual. */
static void commit_function(struct fb *g, struct ct_loc loc, enum ct_linkage linkage)
{
    struct module *m = g->m;
    for (size_t i = 0; i < g->ninsns; i++)
        for (unsigned t = 0; g->insns[i].targets && t < g->insns[i].ntargets; t++)
            if (g->insns[i].targets[t] >= g->ninsns)
                g->insns[i].targets[t] = (unsigned)g->ninsns - 1;
    struct ct_function *fn = CT_PUSH(m->fns, m->nfns, m->capfns);
    if (!fn) {
        m->oom = true;
        return;
    }
    fn->usr = usr_of(m, g->qual);
    fn->name = g->qual;
    fn->linkage = linkage;
    fn->is_definition = true;
    fn->loc = loc;
    fn->nparams = g->nparams;
    fn->params = ct_arena_alloc(m->facts->arena, (g->nparams ? g->nparams : 1) * sizeof(*fn->params));
    fn->insns = ct_arena_alloc(m->facts->arena, (g->ninsns ? g->ninsns : 1) * sizeof(*fn->insns));
    fn->calls = ct_arena_alloc(m->facts->arena, (g->ncalls ? g->ncalls : 1) * sizeof(*fn->calls));
    if (!fn->params || !fn->insns || !fn->calls) {
        m->oom = true;
        return;
    }
    for (unsigned i = 0; i < g->nparams; i++)
        fn->params[i].name = g->params[i];
    fn->ninsns = (unsigned)g->ninsns;
    fn->ncalls = (unsigned)g->ncalls;
    if (g->ninsns)
        memcpy(fn->insns, g->insns, g->ninsns * sizeof(*fn->insns));
    if (g->ncalls)
        memcpy(fn->calls, g->calls, g->ncalls * sizeof(*fn->calls));
}

static void fb_fini(struct fb *g)
{
    free(g->params);
    free(g->locals);
    free(g->globals);
    free(g->types);
    free(g->insns);
    free(g->calls);
    while (g->ncl)
        pop_cleanup(g);
    free(g->cl);
}

/* Whether N (a function body) yields: a yield not inside a nested function, lambda or class. */
static bool yields(TSNode n, int depth)
{
    if (depth > MAX_DEPTH || ts_node_is_null(n))
        return false;
    if (is(n, "yield"))
        return true;
    if (is(n, "function_definition") || is(n, "lambda") || is(n, "class_definition") ||
        is(n, "decorated_definition"))
        return false;
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k; i++)
        if (yields(ts_node_named_child(n, i), depth + 1))
            return true;
    return false;
}

/* A decorated generator function: a decorator may make it a context manager (a generator-based
 * one: its code before the yield is the enter, after it the exit). Its halves are named
 * F.__aenter__ / F.__aexit__ (async) or F.__enter__ / F.__exit__, which are called only where
 * code enters F(...) as a context manager, so a generator that is none costs two functions
 * nobody calls. */
static bool is_generator_context_manager(struct module *m, TSNode def)
{
    (void)m;
    TSNode parent = ts_node_parent(def);
    return is(parent, "decorated_definition") && yields(field(def, "body"), 0);
}

/* Lowers the half PHASE (1: before the first yield, 2: after it) of the generator DEF named
 * QUAL as a method of its context manager object: parameter 0 is that object, the generator's
 * parameters and variables are its fields, so a scope entered around the yield in the enter
 * half is the one the exit half exits. The generator's own arguments are not followed. */
static void lower_gen_half(struct fb *f, TSNode def, const char *qual, const char *cls,
                           int phase)
{
    struct module *m = f->m;
    bool async = has_async(def);
    const char *half = phase == 1 ? (async ? "__aenter__" : "__enter__")
                                  : (async ? "__aexit__" : "__exit__");
    struct fb g;
    memset(&g, 0, sizeof(g));
    g.m = m;
    g.qual = joinf(m, "%s.%s", qual, half);
    g.cls = cls;
    g.gen_phase = phase;
    g.gen_record = qual;
    add_param(&g, ct_intern("$gen"));
    TSNode params = field(def, "parameters");
    if (!ts_node_is_null(params))
        collect_params(&g, params);
    for (unsigned i = 1; i < g.nparams; i++)
        add_str(&g, &g.locals, &g.nlocals, &g.caplocals, g.params[i]);
    if (cls && g.nparams > 1 && !type_get(&g, g.params[1]))
        type_set(&g, g.params[1], cls); /* self */
    g.nparams = 1;
    TSNode body = field(def, "body");
    collect_locals(&g, body, 0);
    struct ct_loc loc = loc_of(m, field(def, "name"));
    if (phase == 2)
        g.gen_jump = emit_jump(&g, loc, ~0u);
    lower_block(&g, body);
    emit(&g, CT_I_RETURN, loc_of(m, def));
    commit_function(&g, loc, CT_LINK_EXTERNAL);
    fb_fini(&g);
}

/* Lowers a function definition or a lambda into its own facts function. Returns its value in
 * the enclosing function F (NULL F: a module-level function or a method): a function, bound to
 * an environment holding the enclosing function's variables it reads when it is nested. */
static struct ct_value lower_function_def(struct fb *f, TSNode def, const char *cls, bool lambda)
{
    struct module *m = f ? f->m : NULL;
    struct ct_value v = unknown();
    if (!m || m->oom)
        return v;
    struct fb g;
    memset(&g, 0, sizeof(g));
    g.m = m;
    bool nested = !f->is_module && !cls;
    char qual[600];
    TSPoint pt = ts_node_start_point(def);
    if (lambda)
        snprintf(qual, sizeof(qual), "%s.<lambda:%u>", f->qual, pt.row + 1);
    else if (cls)
        snprintf(qual, sizeof(qual), "%s.%s", cls, ntext(m, field(def, "name")));
    else if (nested)
        snprintf(qual, sizeof(qual), "%s.%s", f->qual, ntext(m, field(def, "name")));
    else
        snprintf(qual, sizeof(qual), "%s.%s", m->mod, ntext(m, field(def, "name")));
    g.qual = ct_intern(qual);
    g.cls = cls;
    g.parent = nested || lambda ? f : NULL;
    g.has_env = g.parent != NULL;
    if (g.has_env)
        add_param(&g, ct_intern("$env"));
    TSNode params = field(def, "parameters");
    if (!ts_node_is_null(params))
        collect_params(&g, params);
    TSNode body = field(def, "body");
    collect_locals(&g, body, 0);
    if (lambda) {
        struct ct_value r = lower_expr(&g, body);
        struct ct_insn *in = emit(&g, CT_I_RETURN, loc_of(m, body));
        if (in)
            in->src = r;
    } else {
        lower_block(&g, body);
        emit(&g, CT_I_RETURN, loc_of(m, def));
    }
    commit_function(&g, loc_of(m, lambda ? def : field(def, "name")),
                    g.parent ? CT_LINK_INTERNAL : CT_LINK_EXTERNAL);
    v.kind = CT_VAL_FUNC;
    v.func = usr_of(m, g.qual);
    v.func_name = g.qual;
    if (g.has_env) {
        /* the environment: a record holding the enclosing variables the function reads */
        const char *env = temp_name(f, "env");
        struct ct_path envp = local_path(m, env);
        const char *seen[64];
        size_t nseen = 0;
        collect_free(&g, f, def, seen, &nseen, 0);
        for (size_t i = 0; i < nseen; i++) {
            struct ct_path dst = envp;
            path_field(&dst, seen[i], g.qual);
            emit_store(f, loc_of(m, def), dst, load(resolve_name(f, seen[i]).path));
        }
        v.path = envp;
    }
    fb_fini(&g);
    if (!lambda && !g.parent && is_generator_context_manager(m, def)) {
        lower_gen_half(f, def, g.qual, cls, 1);
        lower_gen_half(f, def, g.qual, cls, 2);
    }
    return v;
}

static void lower_class(struct fb *modf, TSNode cls)
{
    struct module *m = modf->m;
    const char *qual = joinf(m, "%s.%s", m->mod, ntext(m, field(cls, "name")));
    TSNode body = field(cls, "body");
    uint32_t k = ts_node_named_child_count(body);
    for (uint32_t i = 0; i < k && !m->oom; i++) {
        TSNode d = unwrap_decorated(ts_node_named_child(body, i));
        if (is(d, "function_definition"))
            (void)lower_function_def(modf, d, qual, false);
    }
}

/* The module's own code, then its functions and the methods of its classes. */
static void lower_module(struct module *m, TSNode root)
{
    struct fb top;
    memset(&top, 0, sizeof(top));
    top.m = m;
    top.qual = joinf(m, "%s.%s", m->mod, "<module>");
    top.is_module = true;
    uint32_t k = ts_node_named_child_count(root);
    for (uint32_t i = 0; i < k && !m->oom; i++) {
        TSNode c = ts_node_named_child(root, i);
        TSNode d = unwrap_decorated(c);
        if (is(d, "function_definition")) {
            (void)lower_function_def(&top, d, NULL, false);
        } else if (is(d, "class_definition")) {
            lower_class(&top, d);
        } else {
            lower_stmt(&top, c);
        }
    }
    emit(&top, CT_I_RETURN, loc_of(m, root));
    for (size_t i = 0; i < top.ninsns; i++)
        for (unsigned t = 0; top.insns[i].targets && t < top.insns[i].ntargets; t++)
            if (top.insns[i].targets[t] >= top.ninsns)
                top.insns[i].targets[t] = (unsigned)top.ninsns - 1;
    struct ct_function *fn = CT_PUSH(m->fns, m->nfns, m->capfns);
    if (!fn) {
        m->oom = true;
    } else {
        fn->usr = usr_of(m, top.qual);
        fn->name = top.qual;
        fn->linkage = CT_LINK_EXTERNAL;
        fn->is_definition = true;
        fn->loc = loc_of(m, root);
        fn->params = ct_arena_alloc(m->facts->arena, sizeof(*fn->params));
        fn->insns = ct_arena_alloc(m->facts->arena, (top.ninsns ? top.ninsns : 1) * sizeof(*fn->insns));
        fn->calls = ct_arena_alloc(m->facts->arena, (top.ncalls ? top.ncalls : 1) * sizeof(*fn->calls));
        if (!fn->params || !fn->insns || !fn->calls) {
            m->oom = true;
        } else {
            fn->ninsns = (unsigned)top.ninsns;
            fn->ncalls = (unsigned)top.ncalls;
            if (top.ninsns)
                memcpy(fn->insns, top.insns, top.ninsns * sizeof(*fn->insns));
            if (top.ncalls)
                memcpy(fn->calls, top.calls, top.ncalls * sizeof(*fn->calls));
        }
    }
    free(top.params);
    free(top.locals);
    free(top.globals);
    free(top.types);
    free(top.insns);
    free(top.calls);
    while (top.ncl)
        pop_cleanup(&top);
    free(top.cl);
}

/* --- errors and the entry point ------------------------------------------------------------ */

static void collect_errors(struct module *m, TSNode n, size_t *cap, int depth)
{
    if (m->facts->nerrors >= 20 || depth > MAX_DEPTH || !ts_node_has_error(n))
        return;
    if (is(n, "ERROR") || ts_node_is_missing(n)) {
        struct ct_tu_error *e;
        if (ct_grow((void **)&m->facts->errors, cap, m->facts->nerrors + 1,
                    sizeof(*m->facts->errors)) != 0) {
            m->oom = true;
            return;
        }
        e = &m->facts->errors[m->facts->nerrors++];
        e->loc = loc_of(m, n);
        char msg[160];
        if (ts_node_is_missing(n))
            snprintf(msg, sizeof(msg), "syntax error: missing '%s'", ts_node_type(n));
        else
            snprintf(msg, sizeof(msg), "syntax error: invalid syntax");
        e->message = ct_intern(msg);
        return;
    }
    uint32_t k = ts_node_child_count(n);
    for (uint32_t i = 0; i < k; i++)
        collect_errors(m, ts_node_child(n, i), cap, depth + 1);
}

static int read_file(const char *file, char **out, size_t *len, struct ct_error *err)
{
    struct stat sb;
    if (stat(file, &sb) != 0)
        return ct_error_set(err, CT_ENOENT, file, 0, 0, "%s", strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return ct_error_set(err, CT_EISDIR, file, 0, 0, "is a directory, not a source file");
    if (!S_ISREG(sb.st_mode))
        return ct_error_set(err, CT_EIO, file, 0, 0,
                            "not a regular file (a pipe, device or socket); give a source file");
    if ((unsigned long long)sb.st_size > MAX_FILE_BYTES)
        return ct_error_set(err, CT_EIO, file, 0, 0, "larger than %u MiB; not analysed",
                            MAX_FILE_BYTES >> 20);
    FILE *fp = fopen(file, "rb");
    if (!fp)
        return ct_error_set(err, CT_EIO, file, 0, 0, "%s", strerror(errno));
    char *buf = malloc((size_t)sb.st_size + 1);
    if (!buf) {
        fclose(fp);
        return ct_error_set(err, CT_ENOMEM, file, 0, 0, "out of memory");
    }
    size_t n = fread(buf, 1, (size_t)sb.st_size, fp);
    fclose(fp);
    buf[n] = '\0';
    if (memchr(buf, 0, n)) {
        free(buf);
        return ct_error_set(err, CT_EBINARY, file, 0, 0,
                            "not a source file (it holds binary data)");
    }
    *out = buf;
    *len = n;
    return 0;
}

int ct_pyfrontend_parse(struct ct_pyfrontend *fe, const char *file, struct ct_tu_facts **out,
                        struct ct_error *err)
{
    struct module m;
    char *src = NULL;
    size_t len = 0;
    int rc;

    *out = NULL;
    rc = read_file(file, &src, &len, err);
    if (rc != 0)
        return rc;
    memset(&m, 0, sizeof(m));
    m.src = src;
    m.len = len;
    m.facts = ct_tu_facts_new(file);
    if (!m.facts) {
        free(src);
        return ct_error_set(err, CT_ENOMEM, file, 0, 0, "out of memory");
    }
    m.file = m.facts->file;
    m.mod = ct_python_module_name(file);
    {
        const char *b = strrchr(file, '/');
        b = b ? b + 1 : file;
        m.is_package = strcmp(b, "__init__.py") == 0;
        const char *d = m.mod ? strrchr(m.mod, '.') : NULL;
        m.pkg = d ? ct_intern_n(m.mod, (size_t)(d - m.mod)) : ct_intern("");
    }
    TSTree *tree = ts_parser_parse_string(fe->parser, NULL, src, (uint32_t)len);
    if (!tree) {
        ct_tu_facts_free(m.facts);
        free(src);
        return ct_error_set(err, CT_EIO, file, 0, 0, "tree-sitter could not parse it");
    }
    TSNode root = ts_tree_root_node(tree);
    size_t errcap = 0;
    collect_errors(&m, root, &errcap, 0);
    collect_module(&m, root, 0);
    lower_module(&m, root);
    ts_tree_delete(tree);
    m.facts->ndeps = 1;
    m.facts->deps = ct_arena_alloc(m.facts->arena, sizeof(*m.facts->deps));
    if (m.facts->deps)
        m.facts->deps[0] = m.file;
    else
        m.oom = true;
    if (!m.oom) {
        m.facts->nfunctions = m.nfns;
        m.facts->functions = ct_arena_alloc(m.facts->arena,
                                            (m.nfns ? m.nfns : 1) * sizeof(*m.fns));
        if (!m.facts->functions)
            m.oom = true;
        else if (m.nfns)
            memcpy(m.facts->functions, m.fns, m.nfns * sizeof(*m.fns));
        m.facts->init_stores = NULL;
    }
    free(m.names);
    free(m.methods);
    free(m.attrs);
    free(m.bases);
    free(m.fns);
    free(src);
    if (m.oom) {
        ct_tu_facts_free(m.facts);
        return ct_error_set(err, CT_ENOMEM, file, 0, 0, "out of memory");
    }
    *out = m.facts;
    return 0;
}
