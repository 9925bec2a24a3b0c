/* frontend_c.c - the C (and C++) frontend: parses one translation unit with libclang and lowers
 * every function body to the facts IR: calls with their arguments as access paths, stores, and the control flow (branches,
 * loops, switches, gotos, returns) as a linear instruction list.
 *
 * It knows no API: which calls lock or spawn is decided later from the rule packs. It must never
 * keep a CX* value beyond the translation unit, print, or exit.
 */
#include "frontend.h"
#include "frontend_deps.h"

#include <clang-c/Index.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DEPTH 1500 /* deeper statements and expressions are not lowered */
#define TEXT_MAX 80    /* longest argument spelling kept */

struct ct_frontend {
    CXIndex index;
    struct ct_deps_memo *deps;  /* what this thread learned of #include directives and paths */
};

struct ct_frontend *ct_frontend_new(void)
{
    struct ct_frontend *fe = calloc(1, sizeof(*fe));
    if (!fe)
        return NULL;
    fe->index = clang_createIndex(0, 0);
    fe->deps = ct_deps_memo_new();
    if (!fe->index || !fe->deps) {
        if (fe->index)
            clang_disposeIndex(fe->index);
        ct_deps_memo_free(fe->deps);
        free(fe);
        return NULL;
    }
    return fe;
}

void ct_frontend_free(struct ct_frontend *fe)
{
    if (!fe)
        return;
    clang_disposeIndex(fe->index);
    ct_deps_memo_free(fe->deps);
    free(fe);
}

/* --- small helpers ----------------------------------------------------------------------- */

/* Children of a cursor, in order. */
struct kids {
    CXCursor *v;
    unsigned n, cap;
    bool oom;
    CXCursor small[6]; /* most nodes have few children: no allocation for them */
};

static enum CXChildVisitResult visit_collect(CXCursor c, CXCursor parent, CXClientData data)
{
    struct kids *k = data;
    if (k->n == k->cap) {
        unsigned ncap = k->cap * 2;
        CXCursor *nv = k->v == k->small ? malloc(ncap * sizeof(*nv))
                                         : realloc(k->v, ncap * sizeof(*nv));
        if (nv && k->v == k->small)
            memcpy(nv, k->small, sizeof(k->small));
        if (!nv) {
            k->oom = true;
            return CXChildVisit_Break;
        }
        k->v = nv;
        k->cap = ncap;
    }
    k->v[k->n++] = c;
    return CXChildVisit_Continue;
}

static void kids_get(CXCursor c, struct kids *k)
{
    k->v = k->small;
    k->n = 0;
    k->cap = sizeof(k->small) / sizeof(k->small[0]);
    k->oom = false;
    clang_visitChildren(c, visit_collect, k);
}

static void kids_free(struct kids *k)
{
    if (k->v != k->small)
        free(k->v);
}

/* An interned copy of a CXString, disposed here. */
static const char *intern_cx(CXString s)
{
    const char *r = ct_intern(clang_getCString(s) ? clang_getCString(s) : "");
    clang_disposeString(s);
    return r;
}

static struct ct_loc loc_of(CXSourceLocation l);

/* The identity of DECL across translation units: its USR, which for a static function or
 * variable names only the file's base name, so the path of the file is added to keep
 * net/session.c's static finish() apart from db/session.c's. Interned. */
static const char *usr_of(CXCursor decl)
{
    CXString u = clang_getCursorUSR(decl);
    const char *usr = clang_getCString(u) ? clang_getCString(u) : "";
    enum CXLinkageKind link = clang_getCursorLinkage(decl);
    const char *r;
    bool is_main = false;
    if (link == CXLinkage_External && clang_getCursorKind(decl) == CXCursor_FunctionDecl) {
        CXString sp = clang_getCursorSpelling(decl);
        is_main = clang_getCString(sp) && strcmp(clang_getCString(sp), "main") == 0;
        clang_disposeString(sp);
    }
    /* each main starts a program of its own: a build may hold several (server, client, tests) */
    if (usr[0] && ((link != CXLinkage_External && link != CXLinkage_NoLinkage) || is_main)) {
        CXFile file;
        clang_getExpansionLocation(clang_getCursorLocation(decl), &file, NULL, NULL, NULL);
        CXString name = clang_getFileName(file);
        char buf[1024];
        snprintf(buf, sizeof(buf), "%s@%s", usr, file && clang_getCString(name) ? clang_getCString(name) : "");
        clang_disposeString(name);
        r = ct_intern(buf);
    } else {
        r = ct_intern(usr);
    }
    clang_disposeString(u);
    return r;
}

/* The interned name of the last file seen, per thread (a TU is walked by one thread). */
static _Thread_local CXFile last_file;
static _Thread_local const char *last_file_name;

/* Names of declarations, looked up once per translation unit: a variable's USR and spelling,
 * a field's spelling, record and whether it sits at offset 0. Per thread, like the TU. */
struct decl_entry {
    CXCursor c;
    const char *a, *b; /* USR and name; for a field: field name and record spelling */
    bool flag;          /* a field at offset 0 */
    bool used;
};

struct decl_cache {
    struct decl_entry *v;
    size_t cap, n;
};

static _Thread_local struct decl_cache tl_decls;

static void decl_cache_reset(void)
{
    free(tl_decls.v);
    memset(&tl_decls, 0, sizeof(tl_decls));
}

/* The entry for C, or a new empty one to fill (NULL when out of memory: then nothing is kept). */
static struct decl_entry *decl_slot(CXCursor c, bool *found)
{
    struct decl_cache *dc = &tl_decls;
    *found = false;
    if ((dc->n + 1) * 2 > dc->cap) {
        size_t ncap = dc->cap ? dc->cap * 2 : 1024;
        struct decl_entry *nv = calloc(ncap, sizeof(*nv));
        if (!nv)
            return NULL;
        for (size_t i = 0; i < dc->cap; i++) {
            if (!dc->v[i].used)
                continue;
            size_t j = clang_hashCursor(dc->v[i].c) & (ncap - 1);
            while (nv[j].used)
                j = (j + 1) & (ncap - 1);
            nv[j] = dc->v[i];
        }
        free(dc->v);
        dc->v = nv;
        dc->cap = ncap;
    }
    size_t j = clang_hashCursor(c) & (dc->cap - 1);
    while (dc->v[j].used) {
        if (clang_equalCursors(dc->v[j].c, c)) {
            *found = true;
            return &dc->v[j];
        }
        j = (j + 1) & (dc->cap - 1);
    }
    dc->v[j].used = true;
    dc->v[j].c = c;
    dc->n++;
    return &dc->v[j];
}

static bool is_function_kind(enum CXCursorKind k)
{
    return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_Constructor ||
           k == CXCursor_Destructor || k == CXCursor_ConversionFunction ||
           k == CXCursor_FunctionTemplate;
}

/* The name of D with the namespaces and classes around it (std::lock_guard::~lock_guard,
 * boost::asio::post); inline namespaces (std::__1, std::__cxx11) and anonymous ones are left
 * out, and so are template arguments. A C function's name is its own spelling. Interned. */
static const char *qualified_name(CXCursor d)
{
    CXString parts[24];
    unsigned n = 0;
    char buf[1024];
    size_t len = 0;

    for (CXCursor p = clang_getCursorSemanticParent(d); n < 24 && !clang_Cursor_isNull(p);
         p = clang_getCursorSemanticParent(p)) {
        enum CXCursorKind k = clang_getCursorKind(p);
        if (k != CXCursor_Namespace && k != CXCursor_ClassDecl && k != CXCursor_StructDecl &&
            k != CXCursor_UnionDecl && k != CXCursor_ClassTemplate &&
            k != CXCursor_ClassTemplatePartialSpecialization)
            break;
        if (k == CXCursor_Namespace &&
            (clang_Cursor_isInlineNamespace(p) || clang_Cursor_isAnonymous(p)))
            continue;
        parts[n++] = clang_getCursorSpelling(p);
    }
    buf[0] = '\0';
    while (n-- > 0) {
        const char *ps = clang_getCString(parts[n]);
        size_t pl = ps ? strcspn(ps, "<") : 0; /* lock_guard<std::mutex> -> lock_guard */
        if (pl && len + pl + 3 < sizeof(buf)) {
            memcpy(buf + len, ps, pl);
            len += pl;
            memcpy(buf + len, "::", 3);
            len += 2;
        }
        clang_disposeString(parts[n]);
    }
    CXString sp = clang_getCursorSpelling(d);
    const char *own = clang_getCString(sp) ? clang_getCString(sp) : "";
    /* ~unique_lock<_Mutex> -> ~unique_lock, a template's constructor lock_guard<_Mutex> ->
     * lock_guard; operator< keeps its '<' */
    int ownlen = own[0] == '~' || clang_getCursorKind(d) == CXCursor_Constructor
                     ? (int)strcspn(own, "<")
                     : (int)strlen(own);
    snprintf(buf + len, sizeof(buf) - len, "%.*s", ownlen, own);
    clang_disposeString(sp);
    return ct_intern(buf);
}

/* USR (file-qualified for statics, see usr_of) and spelling of declaration D (qualified for a
 * C++ function, see qualified_name). */
static void decl_names(CXCursor d, const char **usr, const char **name)
{
    bool found;
    /* a specialization of the program's own template (enqueue<lambda>, Queue<Job>::push) is
     * the template: its body is what is lowered, once */
    if (!clang_Location_isInSystemHeader(clang_getCursorLocation(d))) {
        CXCursor t = clang_getSpecializedCursorTemplate(d);
        if (!clang_Cursor_isNull(t) && is_function_kind(clang_getCursorKind(t)))
            d = t;
    }
    struct decl_entry *e = decl_slot(d, &found);
    if (e && found) {
        *usr = e->a;
        *name = e->b;
        return;
    }
    *usr = usr_of(d);
    *name = is_function_kind(clang_getCursorKind(d)) ? qualified_name(d)
                                                      : intern_cx(clang_getCursorSpelling(d));
    if (e) {
        e->a = *usr;
        e->b = *name;
    }
}

/* The translation unit's working directory (-working-directory, from a compilation database's
 * entry), or NULL: a file libclang names relative to it (a header found through -I../include) is
 * named from there, so that one file has one name whatever the current directory. */
static _Thread_local const char *tl_workdir;

/* NAME, relative to tl_workdir, made absolute with . and .. segments folded. Interned. */
static const char *absolute_name(const char *name)
{
    const char *r = name[0] != '/' && tl_workdir ? ct_path_fold(tl_workdir, name) : NULL;
    return r ? r : ct_intern(name);
}

static struct ct_loc loc_of(CXSourceLocation l)
{
    struct ct_loc loc = {0};
    CXFile file;
    unsigned line, col;
    clang_getExpansionLocation(l, &file, &line, &col, NULL);
    if (file && file == last_file) {
        loc.file = last_file_name;
    } else if (file) {
        CXString name = clang_getFileName(file);
        loc.file = absolute_name(clang_getCString(name) ? clang_getCString(name) : "");
        clang_disposeString(name);
        last_file = file;
        last_file_name = loc.file;
    }
    loc.line = line;
    loc.col = col;
    return loc;
}

static bool is_expr_kind(enum CXCursorKind k)
{
    return clang_isExpression(k) != 0;
}

/* --- lowering state ---------------------------------------------------------------------- */

struct label {
    const char *name;
    unsigned insn;
};

struct patch {
    unsigned insn; /* a JUMP whose target is not known yet */
    const char *label;
};

/* A break/continue context: a loop or a switch. */
struct jump_ctx {
    bool is_switch;
    unsigned cont_target;          /* loops: where continue goes, or ~0u if not known yet */
    unsigned *breaks, nbreaks, capbreaks;
    unsigned *conts, nconts, capconts;
    unsigned *cases, ncases, capcases; /* switch: case labels */
    int default_label;                 /* switch: default label or -1 */
    size_t ncleanups;                  /* cleanup variables open when the loop/switch began */
    size_t live_mark;                  /* objects alive before the loop or switch */
};

/* An object whose life ends at the end of a scope or of a full-expression (C++): its
 * destructor is called then. */
struct live {
    struct ct_path obj;
    const char *usr, *name; /* the destructor */
    const char *owner;      /* an owner (a smart pointer): its type; the destructor is that of
                             * the object it owns, called on the pointer it holds. Else NULL */
};

/* A closure (lambda) met while lowering a function, lowered after it. */
struct closure {
    CXCursor lambda;
    CXCursor *params;      /* the frame's parameters (a null cursor for 'this'), malloc'd */
    unsigned nparams;
    bool has_this;
    const char *frame_usr; /* the outermost function whose frame it shares */
};

struct closure_queue {
    struct closure *v;
    size_t n, cap;
    /* the local variables of the function being lowered that its lambdas name (captures) */
    CXCursor *captured;
    size_t ncaptured, capcaptured;
};

#define MAX_CAPTURED 256 /* captured locals followed per function; the rest stay its own */

struct cleanup_var {
    struct ct_path var;   /* the variable */
    const char *usr;      /* the cleanup function */
    const char *name;
    const char *text;     /* the variable's name, for messages */
    CXCursor decl;
    CXCursor block;       /* the compound statement whose end ends its scope */
};

struct local_result {
    const char *key; /* a local's key */
    int call;        /* the last call whose result it holds */
};

/* A branch's target that follows another's once that one is known: the earlier operands of a
 * short-circuit condition leave to where the whole condition's branch goes. */
struct alias {
    unsigned from, from_k; /* this branch target ... */
    unsigned to, to_k;     /* ... becomes this one's when the function is done */
};

#define MAX_FLAGS 16 /* local flags followed in one function */

/* A scalar local tested by an `if`: a flag such as GStreamer's need_unlock. */
struct flag {
    const char *key;     /* the local's key (ct_path.key) */
    unsigned assigns;    /* plain assignments `key = ...` in the body (the AST's count) */
    unsigned recorded;   /* those lowered (a mismatch: some write was not seen, not followed) */
    bool dirty;          /* its address is taken, or it is written by ++, --, op= */
};

/* A write of a flag: the jump instruction INSN (to the next one) stands for it. */
struct flag_write {
    unsigned insn;
    unsigned flag;       /* index into lower.flags */
    unsigned char value; /* FLAG_ZERO, FLAG_NONZERO or FLAG_ANY */
};

/* A branch whose condition tests a flag against zero. */
struct flag_test {
    unsigned insn;
    unsigned flag;
    bool zero_on_edge0;  /* targets[0] is taken when the flag is 0 */
};

struct lower {
    CXTranslationUnit tu;
    struct ct_tu_facts *facts;
    struct closure_queue *closures; /* closures found are queued there (NULL: not lowered) */
    bool cxx;                      /* C++: references, objects, destructors */
    const char *frame_usr;         /* the function whose frame closures share */
    bool has_this;                 /* a method: parameter 0 is the object (params[0] is null) */
    struct live *lives;            /* objects alive now, innermost last */
    size_t nlives, caplives;
    struct live *temps;            /* temporaries of the current full-expression */
    size_t ntemps, captemps;
    struct ct_path *moved;         /* objects moved from (std::move(lock) handed to a thread):
                                    * they own nothing, their destructors are not emitted */
    size_t nmoved, capmoved;
    CXCursor fn;
    CXCursor *params;
    unsigned nparams;
    int depth;
    bool oom;

    struct ct_insn *insns;
    size_t ninsns, capinsns;
    struct ct_call *calls;
    size_t ncalls, capcalls;
    struct label *labels;
    size_t nlabels, caplabels;
    struct patch *patches;
    size_t npatches, cappatches;
    struct jump_ctx *ctxs;
    size_t nctxs, capctxs;
    struct local_result *results;
    size_t nresults, capresults;
    struct alias *aliases;
    size_t naliases, capaliases;

    /* Variables declared with __attribute__((cleanup(f))) whose scope is open, innermost
     * last: each scope exit calls f(&var) for those it leaves, in reverse order. */
    struct cleanup_var *cleanups;
    size_t ncleanups, capcleanups;
    CXCursor block; /* the innermost compound statement being lowered */

    /* Condition being lowered: the call whose result it tests. */
    CXCursor guard_target;
    bool guard_active;
    int guard_found;

    /* Local flags (C): scalar locals that some `if` tests against zero, the constants stored in
     * them and the branches testing them, so that finish_body() can drop the edges a flag's
     * known value rules out (see fold_flag_branches). */
    struct flag flags[MAX_FLAGS];
    unsigned nflags;
    struct flag_write *fwrites;
    size_t nfwrites, capfwrites;
    struct flag_test *ftests;
    size_t nftests, capftests;
};

static unsigned *arena_targets(struct lower *st, unsigned n)
{
    unsigned *t = ct_arena_alloc(st->facts->arena, (n ? n : 1) * sizeof(unsigned));
    if (!t)
        st->oom = true;
    return t;
}

static struct ct_insn *emit(struct lower *st, enum ct_insn_kind kind, CXCursor at)
{
    struct ct_insn *in = CT_PUSH(st->insns, st->ninsns, st->capinsns);
    if (!in) {
        st->oom = true;
        return NULL;
    }
    in->kind = kind;
    in->call = -1;
    in->guard_call = -1;
    in->loc = loc_of(clang_getCursorLocation(at));
    return in;
}

static unsigned here(struct lower *st)
{
    return (unsigned)st->ninsns;
}

/* Emits a jump to TARGET (or to be patched later when TARGET is ~0u); returns its index. */
static unsigned emit_jump(struct lower *st, CXCursor at, unsigned target)
{
    struct ct_insn *in = emit(st, CT_I_JUMP, at);
    if (!in)
        return 0;
    in->ntargets = 1;
    in->targets = arena_targets(st, 1);
    if (in->targets)
        in->targets[0] = target;
    return here(st) - 1;
}

static void set_target(struct lower *st, unsigned insn, unsigned k, unsigned target)
{
    if (insn < st->ninsns && st->insns[insn].targets && k < st->insns[insn].ntargets)
        st->insns[insn].targets[k] = target;
}

static void push_u(struct lower *st, unsigned **v, unsigned *n, unsigned *cap, unsigned x)
{
    size_t scap = *cap;
    if (ct_grow((void **)v, &scap, (size_t)*n + 1, sizeof(unsigned)) != 0) {
        st->oom = true;
        return;
    }
    *cap = (unsigned)scap;
    (*v)[(*n)++] = x;
}

/* --- tokens and source text -------------------------------------------------------------- */

/* The spelling of the token at L into BUF (empty if none). */
static void token_at(CXTranslationUnit tu, CXSourceLocation l, char *buf, size_t size)
{
    CXToken *tok = clang_getToken(tu, l);
    buf[0] = '\0';
    if (!tok)
        return;
    CXString s = clang_getTokenSpelling(tu, *tok);
    snprintf(buf, size, "%s", clang_getCString(s) ? clang_getCString(s) : "");
    clang_disposeString(s);
    clang_disposeTokens(tu, tok, 1);
}

static bool is_punct_op(const char *s)
{
    return s[0] && strchr("=!<>&|+-*/%^,~", s[0]) != NULL;
}

/* libclang 17 (CINDEX 0.64) and later tell an operator's kind from the AST; before, the operator
 * is read from the tokens, which costs a search of the translation unit's source locations when
 * the operator sits in a header (most of CPython's operators: its static inline functions). */
#if CINDEX_VERSION_MAJOR > 0 || CINDEX_VERSION_MINOR >= 64
#define CT_OPERATOR_KINDS 1
#else
#define CT_OPERATOR_KINDS 0
#endif

#if CT_OPERATOR_KINDS
/* The spelling of binary operator kind K (libclang's enumeration, in the AST's order), or NULL. */
static const char *binop_kind_spelling(enum CXBinaryOperatorKind k)
{
    static const char *const names[] = {
        [CXBinaryOperator_PtrMemD] = ".*",    [CXBinaryOperator_PtrMemI] = "->*",
        [CXBinaryOperator_Mul] = "*",         [CXBinaryOperator_Div] = "/",
        [CXBinaryOperator_Rem] = "%",         [CXBinaryOperator_Add] = "+",
        [CXBinaryOperator_Sub] = "-",         [CXBinaryOperator_Shl] = "<<",
        [CXBinaryOperator_Shr] = ">>",        [CXBinaryOperator_Cmp] = "<=>",
        [CXBinaryOperator_LT] = "<",          [CXBinaryOperator_GT] = ">",
        [CXBinaryOperator_LE] = "<=",         [CXBinaryOperator_GE] = ">=",
        [CXBinaryOperator_EQ] = "==",         [CXBinaryOperator_NE] = "!=",
        [CXBinaryOperator_And] = "&",         [CXBinaryOperator_Xor] = "^",
        [CXBinaryOperator_Or] = "|",          [CXBinaryOperator_LAnd] = "&&",
        [CXBinaryOperator_LOr] = "||",        [CXBinaryOperator_Assign] = "=",
        [CXBinaryOperator_MulAssign] = "*=",  [CXBinaryOperator_DivAssign] = "/=",
        [CXBinaryOperator_RemAssign] = "%=",  [CXBinaryOperator_AddAssign] = "+=",
        [CXBinaryOperator_SubAssign] = "-=",  [CXBinaryOperator_ShlAssign] = "<<=",
        [CXBinaryOperator_ShrAssign] = ">>=", [CXBinaryOperator_AndAssign] = "&=",
        [CXBinaryOperator_XorAssign] = "^=",  [CXBinaryOperator_OrAssign] = "|=",
        [CXBinaryOperator_Comma] = ",",
    };
    if ((unsigned)k >= sizeof(names) / sizeof(names[0]))
        return NULL;
    return names[k];
}
#endif

/* The operator of binary operator C (children LHS, RHS) into BUF. */
static void binop_spelling(struct lower *st, CXCursor c, CXCursor lhs, CXCursor rhs, char *buf,
                           size_t size)
{
#if CT_OPERATOR_KINDS
    const char *name = binop_kind_spelling(clang_getCursorBinaryOperatorKind(c));
    if (name) {
        snprintf(buf, size, "%s", name);
        return;
    }
    /* not a built-in operator (an overloaded or dependent one in C++): from the tokens */
#endif
    /* From the end of the left operand to the start of the right one, both taken as plain file
     * positions (the right one may come from a macro: x == EBUSY). */
    CXFile f1 = NULL, f2 = NULL;
    unsigned o1 = 0, o2 = 0;
    clang_getFileLocation(clang_getRangeEnd(clang_getCursorExtent(lhs)), &f1, NULL, NULL, &o1);
    clang_getFileLocation(clang_getRangeStart(clang_getCursorExtent(rhs)), &f2, NULL, NULL, &o2);
    buf[0] = '\0';
    if (!f1 || !f2 || !clang_File_isEqual(f1, f2) || o2 < o1 || o2 - o1 > 4096) {
        clang_getFileLocation(clang_getRangeEnd(clang_getCursorExtent(c)), &f2, NULL, NULL, &o2);
        if (!f1 || !f2 || !clang_File_isEqual(f1, f2) || o2 < o1 || o2 - o1 > 4096)
            return;
    }
    CXSourceRange r = clang_getRange(clang_getLocationForOffset(st->tu, f1, o1),
                                     clang_getLocationForOffset(st->tu, f1, o2));
    CXToken *toks = NULL;
    unsigned n = 0;
    buf[0] = '\0';
    clang_tokenize(st->tu, r, &toks, &n);
    for (unsigned i = 0; i < n; i++) {
        if (clang_getTokenKind(toks[i]) != CXToken_Punctuation)
            continue;
        CXString s = clang_getTokenSpelling(st->tu, toks[i]);
        const char *cs = clang_getCString(s);
        if (cs && is_punct_op(cs)) {
            snprintf(buf, size, "%s", cs);
            clang_disposeString(s);
            break;
        }
        clang_disposeString(s);
    }
    if (toks)
        clang_disposeTokens(st->tu, toks, n);
}

/* The source spelling of C's extent, whitespace folded, at most TEXT_MAX chars; NULL if not in
 * one file. */
static const char *extent_text(struct lower *st, CXCursor c)
{
    CXSourceRange r = clang_getCursorExtent(c);
    CXFile f1, f2;
    unsigned o1, o2;
    size_t size = 0;
    char buf[TEXT_MAX + 4];
    size_t len = 0;

    clang_getFileLocation(clang_getRangeStart(r), &f1, NULL, NULL, &o1);
    clang_getFileLocation(clang_getRangeEnd(r), &f2, NULL, NULL, &o2);
    if (!f1 || !clang_File_isEqual(f1, f2) || o2 <= o1)
        return NULL;
    const char *text = clang_getFileContents(st->tu, f1, &size);
    if (!text || o2 > size)
        return NULL;
    bool space = false;
    for (unsigned i = o1; i < o2 && len < TEXT_MAX; i++) {
        char ch = text[i];
        if (ch == '\n' || ch == '\t' || ch == '\r' || ch == ' ') {
            space = len > 0;
            continue;
        }
        if (space)
            buf[len++] = ' ';
        space = false;
        if (len < TEXT_MAX)
            buf[len++] = ch;
    }
    if (len == 0)
        return NULL;
    return ct_intern_n(buf, len);
}

/* --- expressions ------------------------------------------------------------------------- */

static struct ct_value rval(struct lower *st, CXCursor c);
static void lower_stmt(struct lower *st, CXCursor c);

/* C with parentheses and implicit or explicit casts taken off. */
static CXCursor strip(CXCursor c)
{
    for (int guard = 0; guard < 64; guard++) {
        enum CXCursorKind k = clang_getCursorKind(c);
        if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr && k != CXCursor_CStyleCastExpr &&
            k != CXCursor_CXXStaticCastExpr && k != CXCursor_CXXReinterpretCastExpr &&
            k != CXCursor_CXXConstCastExpr && k != CXCursor_CXXFunctionalCastExpr)
            return c;
        struct kids ks;
        kids_get(c, &ks);
        CXCursor next = clang_getNullCursor();
        unsigned nexpr = 0;
        for (unsigned i = 0; i < ks.n; i++) {
            if (is_expr_kind(clang_getCursorKind(ks.v[i]))) {
                next = ks.v[i];
                nexpr++;
            }
        }
        kids_free(&ks);
        /* a cast's operand is its last expression: a cast to a typeof type, (__typeof__ (*pp)) x
         * (GLib's g_steal_pointer), shows the typeof's expression first */
        if (nexpr != 1 && (nexpr != 2 || k != CXCursor_CStyleCastExpr))
            return c;
        c = next;
    }
    return c;
}

static bool type_is_array(CXType t)
{
    t = clang_getCanonicalType(t);
    return t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray ||
           t.kind == CXType_VariableArray || t.kind == CXType_DependentSizedArray;
}

static bool type_is_pointer(CXType t)
{
    t = clang_getCanonicalType(t);
    return t.kind == CXType_Pointer;
}

/* A char or void pointer: arithmetic on it counts bytes, so its result is some other object
 * (container_of's (char *)p - offsetof(T, member)), not an element of p's array. */
static bool type_is_byte_pointer(CXType t)
{
    t = clang_getCanonicalType(t);
    if (t.kind != CXType_Pointer)
        return false;
    enum CXTypeKind k = clang_getCanonicalType(clang_getPointeeType(t)).kind;
    return k == CXType_Void || k == CXType_Char_S || k == CXType_Char_U || k == CXType_SChar ||
           k == CXType_UChar;
}

static bool type_is_func_ptr(CXType t)
{
    t = clang_getCanonicalType(t);
    if (t.kind != CXType_Pointer)
        return false;
    CXType p = clang_getCanonicalType(clang_getPointeeType(t));
    return p.kind == CXType_FunctionProto || p.kind == CXType_FunctionNoProto;
}

/* The operator of unary operator C with operand SUB: '&', '*', '!' or 0 for the others. Address-of
 * and dereference are told by their types, which holds inside macros too; the rest by the token. */
static char unary_op(struct lower *st, CXCursor c, CXCursor sub)
{
    CXType rt, ct;
    char op[16];

#if CT_OPERATOR_KINDS
    switch (clang_getCursorUnaryOperatorKind(c)) {
    case CXUnaryOperator_AddrOf:
        return '&';
    case CXUnaryOperator_Deref:
        return '*';
    case CXUnaryOperator_LNot:
        return '!';
    case CXUnaryOperator_Invalid:
        break; /* not a built-in operator: from the types and the token */
    default:
        return 0;
    }
#endif
    rt = clang_getCanonicalType(clang_getCursorType(c));
    ct = clang_getCanonicalType(clang_getCursorType(sub));
    if (rt.kind == CXType_Pointer &&
        clang_equalTypes(clang_getCanonicalType(clang_getPointeeType(rt)), ct))
        return '&';
    if (ct.kind == CXType_Pointer &&
        clang_equalTypes(clang_getCanonicalType(clang_getPointeeType(ct)), rt))
        return '*';
    token_at(st->tu, clang_getRangeStart(clang_getCursorExtent(c)), op, sizeof(op));
    if (strcmp(op, "!") == 0)
        return '!';
    if (strcmp(op, "&") == 0 || strcmp(op, "*") == 0)
        return op[0];
    return 0;
}

static struct ct_path no_path(void)
{
    struct ct_path p;
    memset(&p, 0, sizeof(p));
    p.base = CT_BASE_NONE;
    return p;
}

/* The storage a value points to: &x -> x, p -> *p. */
static struct ct_path deref(struct ct_value v)
{
    struct ct_path p = no_path();
    struct ct_op op = {CT_OP_DEREF, false, NULL, NULL};
    if (v.kind == CT_VAL_ADDR)
        return v.path;
    if (v.kind == CT_VAL_LOAD) {
        p = v.path;
        ct_path_push(&p, op);
        return p;
    }
    ct_path_push(&p, op); /* lost: keeps the shape for (record, field) fallbacks */
    return p;
}

static bool loc_inside(CXSourceLocation l, CXSourceRange r);

/* Whether DECL is a local variable that a lambda of the function being lowered names. */
static bool is_captured(const struct lower *st, CXCursor decl)
{
    if (!st->closures)
        return false;
    for (size_t i = 0; i < st->closures->ncaptured; i++)
        if (clang_equalCursors(st->closures->captured[i], decl))
            return true;
    return false;
}

struct capture_scan {
    struct closure_queue *q;
    CXSourceRange lambda; /* the innermost lambda around the cursor visited */
    bool in_lambda;
    int depth;
    bool oom;
};

static enum CXChildVisitResult visit_captures(CXCursor c, CXCursor parent, CXClientData data)
{
    struct capture_scan *sc = data;
    enum CXCursorKind k = clang_getCursorKind(c);
    (void)parent;
    if (k == CXCursor_LambdaExpr) {
        struct capture_scan inner = *sc;
        inner.lambda = clang_getCursorExtent(c);
        inner.in_lambda = true;
        if (++inner.depth <= 64)
            clang_visitChildren(c, visit_captures, &inner);
        sc->oom = sc->oom || inner.oom;
        return CXChildVisit_Continue;
    }
    if (sc->in_lambda && (k == CXCursor_DeclRefExpr || k == CXCursor_VariableRef)) {
        CXCursor d = clang_getCursorReferenced(c);
        if (clang_getCursorKind(d) == CXCursor_VarDecl &&
            clang_Cursor_hasVarDeclGlobalStorage(d) != 1 &&
            !loc_inside(clang_getCursorLocation(d), sc->lambda) &&
            sc->q->ncaptured < MAX_CAPTURED) {
            for (size_t i = 0; i < sc->q->ncaptured; i++)
                if (clang_equalCursors(sc->q->captured[i], d))
                    return CXChildVisit_Recurse;
            CXCursor *slot = CT_PUSH(sc->q->captured, sc->q->ncaptured, sc->q->capcaptured);
            if (!slot) {
                sc->oom = true;
                return CXChildVisit_Break;
            }
            *slot = d;
        }
    }
    return CXChildVisit_Recurse;
}

/* Finds the local variables of FN that its lambdas name (by reference or by copy: the copy is
 * taken where the lambda is made, so it names the same object for a pointer or a reference). */
static int find_captures(struct closure_queue *q, CXCursor fn)
{
    struct capture_scan sc;
    memset(&sc, 0, sizeof(sc));
    sc.q = q;
    q->ncaptured = 0;
    clang_visitChildren(fn, visit_captures, &sc);
    return sc.oom ? CT_ENOMEM : 0;
}

static struct ct_path var_path(struct lower *st, CXCursor decl)
{
    struct ct_path p = no_path();
    enum CXCursorKind k = clang_getCursorKind(decl);
    if (k == CXCursor_ParmDecl) {
        for (unsigned i = 0; i < st->nparams; i++) {
            if (clang_equalCursors(decl, st->params[i])) {
                p.base = CT_BASE_PARAM;
                p.index = (int)i;
                p.name = intern_cx(clang_getCursorSpelling(decl));
                return p;
            }
        }
    }
    if (k == CXCursor_VarDecl || k == CXCursor_ParmDecl) {
        p.base = (k == CXCursor_VarDecl && clang_Cursor_hasVarDeclGlobalStorage(decl) == 1)
                     ? CT_BASE_GLOBAL
                     : CT_BASE_LOCAL;
        decl_names(decl, &p.key, &p.name);
        if (p.base == CT_BASE_LOCAL && k == CXCursor_VarDecl && p.key && is_captured(st, decl)) {
            /* a local a lambda names: one variable wherever the lambda runs (a pool worker
             * calling the job main submitted unlocks main's mutex) */
            char buf[1024];
            snprintf(buf, sizeof(buf), "cap:%s", p.key);
            p.key = ct_intern(buf);
        }
        if (p.base == CT_BASE_GLOBAL && k == CXCursor_VarDecl &&
            clang_getCursorTLSKind(decl) != CXTLS_None) {
            /* a __thread / _Thread_local variable: one per thread, never shared */
            char buf[1024];
            snprintf(buf, sizeof(buf), "tls:%s", p.key ? p.key : "");
            p.key = ct_intern(buf);
        }
        if (!p.key || !p.key[0]) {
            char key[256];
            struct ct_loc l = loc_of(clang_getCursorLocation(decl));
            snprintf(key, sizeof(key), "%s@%u:%u", p.name ? p.name : "", l.line, l.col);
            p.key = ct_intern(key);
        }
    }
    return p;
}

/* 1 when C is an integer constant other than 0, 0 when it is 0, -1 when not a constant. */
static int const_nonzero(CXCursor c)
{
    c = strip(c);
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_IntegerLiteral) {
        CXEvalResult r = clang_Cursor_Evaluate(c);
        int res = -1;
        if (r) {
            if (clang_EvalResult_getKind(r) == CXEval_Int)
                res = clang_EvalResult_getAsLongLong(r) != 0;
            clang_EvalResult_dispose(r);
        }
        return res;
    }
    if (k == CXCursor_DeclRefExpr) {
        CXCursor d = clang_getCursorReferenced(c);
        if (clang_getCursorKind(d) == CXCursor_EnumConstantDecl)
            return clang_getEnumConstantDeclValue(d) != 0;
    }
    return -1;
}

static bool is_zero_const(CXCursor c)
{
    c = strip(c);
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_IntegerLiteral) {
        CXEvalResult r = clang_Cursor_Evaluate(c);
        bool zero = false;
        if (r) {
            zero = clang_EvalResult_getKind(r) == CXEval_Int && clang_EvalResult_getAsLongLong(r) == 0;
            clang_EvalResult_dispose(r);
        }
        return zero;
    }
    if (k == CXCursor_DeclRefExpr) {
        CXCursor d = clang_getCursorReferenced(c);
        if (clang_getCursorKind(d) == CXCursor_EnumConstantDecl)
            return clang_getEnumConstantDeclValue(d) == 0;
    }
    return false;
}

static int local_result_find(struct lower *st, const char *key)
{
    for (size_t i = st->nresults; i-- > 0;)
        if (st->results[i].key == key)
            return st->results[i].call;
    return -1;
}

static void local_result_set(struct lower *st, const struct ct_path *dst, struct ct_value v)
{
    if (dst->base != CT_BASE_LOCAL || dst->nops != 0)
        return;
    struct local_result *r = CT_PUSH(st->results, st->nresults, st->capresults);
    if (!r) {
        st->oom = true;
        return;
    }
    r->key = dst->key;
    r->call = v.kind == CT_VAL_RESULT ? v.call : -1;
}

static struct ct_path lval(struct lower *st, CXCursor c);

/* --- local flags ----------------------------------------------------------------------------
 *
 * A function that takes a lock on some paths only often records it in a local flag and tests
 * the flag before the unlock: `need_unlock = TRUE` right after the lock, `if (need_unlock)
 * unlock` on every way out. The analysis joins paths, so on a path where the flag is still FALSE
 * (an error label reached before the lock) it would see an unlock of nothing held. The frontend
 * follows the constants stored in such flags (scalar locals an `if` tests against zero, whose
 * address is never taken and which only plain `=` and initialisers write) and turns a branch
 * whose flag is known on every path into it into a jump to the one edge that can run. Only C:
 * C++ references and lambdas may write a local unseen. */

enum { FLAG_BOTTOM = 0, FLAG_ZERO = 1, FLAG_NONZERO = 2, FLAG_ANY = 3 };

/* The key of D when it can be a flag: a local (not static) variable of integer, bool or enum
 * type, not volatile; NULL otherwise. */
static const char *flag_key(struct lower *st, CXCursor d)
{
    if (clang_getCursorKind(d) != CXCursor_VarDecl ||
        clang_Cursor_hasVarDeclGlobalStorage(d) == 1)
        return NULL;
    CXType t = clang_getCursorType(d);
    if (clang_isVolatileQualifiedType(t))
        return NULL;
    t = clang_getCanonicalType(t);
    if (!((t.kind >= CXType_Bool && t.kind <= CXType_Int128) || t.kind == CXType_Enum))
        return NULL;
    struct ct_path p = var_path(st, d);
    return p.base == CT_BASE_LOCAL ? p.key : NULL;
}

static int flag_find(const struct lower *st, const char *key)
{
    for (unsigned i = 0; key && i < st->nflags; i++)
        if (st->flags[i].key == key)
            return (int)i;
    return -1;
}

/* The flag the expression C (a variable reference) names, or -1. */
static int flag_of(struct lower *st, CXCursor c)
{
    if (!st->nflags || clang_getCursorKind(c) != CXCursor_DeclRefExpr)
        return -1;
    return flag_find(st, flag_key(st, clang_getCursorReferenced(c)));
}

/* Whether condition C tests one operand against zero (`x`, `!x`, `x == 0`, `NULL != x`), the
 * operand an expression LEAF accepts: *OPERAND is it, *ZERO_ON_TRUE whether C holds when it is
 * zero (or null). */
static bool zero_test(struct lower *st, CXCursor c, bool (*leaf)(CXCursor), CXCursor *operand,
                      bool *zero_on_true, int depth)
{
    struct kids ks;
    bool found = false;
    c = strip(c);
    if (depth > 8)
        return false;
    if (leaf(c)) {
        *operand = c;
        *zero_on_true = false;
        return true;
    }
    switch (clang_getCursorKind(c)) {
    case CXCursor_UnaryOperator:
        kids_get(c, &ks);
        if (ks.n == 1 && unary_op(st, c, ks.v[0]) == '!' &&
            zero_test(st, ks.v[0], leaf, operand, zero_on_true, depth + 1)) {
            *zero_on_true = !*zero_on_true;
            found = true;
        }
        kids_free(&ks);
        return found;
    case CXCursor_BinaryOperator:
        kids_get(c, &ks);
        if (ks.n == 2) {
            CXCursor a = strip(ks.v[0]), b = strip(ks.v[1]), x = clang_getNullCursor();
            if (leaf(a) && is_zero_const(b))
                x = a;
            else if (leaf(b) && is_zero_const(a))
                x = b;
            if (!clang_Cursor_isNull(x)) {
                char op[16];
                binop_spelling(st, c, ks.v[0], ks.v[1], op, sizeof(op));
                if (strcmp(op, "==") == 0 || strcmp(op, "!=") == 0) {
                    *operand = x;
                    *zero_on_true = strcmp(op, "==") == 0;
                    found = true;
                }
            }
        }
        kids_free(&ks);
        return found;
    default:
        return false;
    }
}

static bool is_var_ref(CXCursor c)
{
    return clang_getCursorKind(c) == CXCursor_DeclRefExpr;
}

/* Whether condition C tests a local against zero (`x`, `!x`, `x == 0`, `x != FALSE`): *DECL is
 * the variable, *ZERO_ON_TRUE whether C holds when it is 0. */
static bool flag_cond(struct lower *st, CXCursor c, CXCursor *decl, bool *zero_on_true)
{
    CXCursor x;
    if (!zero_test(st, c, is_var_ref, &x, zero_on_true, 0))
        return false;
    *decl = clang_getCursorReferenced(x);
    return true;
}

/* The flag condition C tests (-1: none), and whether it holds when the flag is 0. */
static int flag_test_of(struct lower *st, CXCursor c, bool *zero_on_true)
{
    CXCursor d;
    if (!st->nflags || !flag_cond(st, c, &d, zero_on_true))
        return -1;
    return flag_find(st, flag_key(st, d));
}

/* Finds the flags: locals the condition of an `if` tests. */
static enum CXChildVisitResult visit_flag_conds(CXCursor c, CXCursor parent, CXClientData data)
{
    struct lower *st = data;
    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_IfStmt && st->nflags < MAX_FLAGS) {
        struct kids ks;
        CXCursor d;
        bool zero_on_true;
        kids_get(c, &ks);
        if (ks.n > 0 && flag_cond(st, ks.v[0], &d, &zero_on_true)) {
            const char *key = flag_key(st, d);
            if (key && flag_find(st, key) < 0) {
                memset(&st->flags[st->nflags], 0, sizeof(st->flags[0]));
                st->flags[st->nflags++].key = key;
            }
        }
        kids_free(&ks);
    }
    return CXChildVisit_Recurse;
}

/* Counts the plain assignments of each flag and marks those written any other way (or used in a
 * way this does not follow): only a read through an implicit conversion, a `!`, `-`, `~` or
 * `+`, and being the left operand of `=`, keep a flag. */
static enum CXChildVisitResult visit_flag_uses(CXCursor c, CXCursor parent, CXClientData data)
{
    struct lower *st = data;
    int k = flag_of(st, c);
    if (k < 0)
        return CXChildVisit_Recurse;
    struct flag *fl = &st->flags[k];
    switch (clang_getCursorKind(parent)) {
    case CXCursor_UnexposedExpr: /* an implicit conversion: a read */
        break;
    case CXCursor_UnaryOperator: {
        char op[16];
        token_at(st->tu, clang_getRangeStart(clang_getCursorExtent(parent)), op, sizeof(op));
        if (strcmp(op, "!") != 0 && strcmp(op, "-") != 0 && strcmp(op, "~") != 0 &&
            strcmp(op, "+") != 0)
            fl->dirty = true; /* &x, ++x, x++ */
        break;
    }
    case CXCursor_BinaryOperator: {
        struct kids ks;
        char op[16] = "";
        kids_get(parent, &ks);
        /* the left operand (cursors reached by two walks compare by their extents) */
        if (ks.n == 2 && clang_getCursorKind(ks.v[0]) == CXCursor_DeclRefExpr &&
            clang_equalRanges(clang_getCursorExtent(ks.v[0]), clang_getCursorExtent(c)))
            binop_spelling(st, parent, ks.v[0], ks.v[1], op, sizeof(op));
        kids_free(&ks);
        if (strcmp(op, "=") == 0)
            fl->assigns++;
        else
            fl->dirty = true;
        break;
    }
    default:
        fl->dirty = true;
        break;
    }
    return CXChildVisit_Recurse;
}

/* Finds the flags of the body BODY of a C function. */
static void find_flags(struct lower *st, CXCursor body)
{
    if (st->cxx)
        return;
    clang_visitChildren(body, visit_flag_conds, st);
    if (st->nflags)
        clang_visitChildren(body, visit_flag_uses, st);
}

/* The flag stored to DST (-1: none) gets VALUE (SRC as lowered, or C's constant value): a jump
 * to the next instruction stands for the write. */
static void flag_write(struct lower *st, CXCursor at, const struct ct_path *dst,
                       const struct ct_value *src, CXCursor value, bool assign)
{
    if (!st->nflags || dst->base != CT_BASE_LOCAL || dst->nops != 0)
        return;
    int k = flag_find(st, dst->key);
    if (k < 0)
        return;
    unsigned char v = FLAG_ANY;
    if (src && src->kind == CT_VAL_CONST) {
        v = src->const_value ? FLAG_NONZERO : FLAG_ZERO;
    } else if (!clang_Cursor_isNull(value)) {
        CXEvalResult r = clang_Cursor_Evaluate(value);
        if (r) {
            if (clang_EvalResult_getKind(r) == CXEval_Int)
                v = clang_EvalResult_getAsLongLong(r) ? FLAG_NONZERO : FLAG_ZERO;
            clang_EvalResult_dispose(r);
        }
    }
    unsigned j = emit_jump(st, at, here(st) + 1);
    struct flag_write *w = CT_PUSH(st->fwrites, st->nfwrites, st->capfwrites);
    if (!w) {
        st->oom = true;
        return;
    }
    w->insn = j;
    w->flag = (unsigned)k;
    w->value = v;
    if (assign)
        st->flags[k].recorded++;
}

/* Records that branch BR tests condition COND (negated when NEGATE), if it tests a flag. */
static void flag_branch(struct lower *st, unsigned br, CXCursor cond, bool negate)
{
    bool zero_on_true;
    int k = flag_test_of(st, cond, &zero_on_true);
    if (k < 0)
        return;
    struct flag_test *t = CT_PUSH(st->ftests, st->nftests, st->capftests);
    if (!t) {
        st->oom = true;
        return;
    }
    t->insn = br;
    t->flag = (unsigned)k;
    t->zero_on_edge0 = zero_on_true != negate;
}

/* The values of the flags at each instruction (a forward data-flow over constants), then each
 * branch whose flag is 0 on every path into it, or non-zero on every one, made a jump to the
 * edge that runs. */
static void fold_flag_branches(struct lower *st)
{
    size_t n = st->ninsns;
    unsigned nk = st->nflags;
    if (!st->nftests || !n || !nk || st->oom)
        return;
    unsigned char *val = calloc(n * nk, 1);
    int *wat = malloc(n * sizeof(int)), *tat = malloc(n * sizeof(int));
    unsigned *stack = malloc(n * sizeof(unsigned));
    bool *queued = calloc(n, sizeof(bool));
    size_t top = 0;
    if (!val || !wat || !tat || !stack || !queued)
        goto out; /* nothing folded: the paths stay as they are */
    for (size_t i = 0; i < n; i++)
        wat[i] = tat[i] = -1;
    for (size_t k = 0; k < st->nfwrites; k++)
        if (st->fwrites[k].insn < n)
            wat[st->fwrites[k].insn] = (int)k;
    for (size_t k = 0; k < st->nftests; k++) {
        const struct flag *fl = &st->flags[st->ftests[k].flag];
        if (!fl->dirty && fl->recorded >= fl->assigns && st->ftests[k].insn < n &&
            st->insns[st->ftests[k].insn].kind == CT_I_BRANCH &&
            st->insns[st->ftests[k].insn].guard_call < 0)
            tat[st->ftests[k].insn] = (int)k;
    }
    memset(val, FLAG_ANY, nk); /* on entry: not yet written */
    stack[top++] = 0;
    queued[0] = true;
    while (top > 0) {
        unsigned i = stack[--top];
        const struct ct_insn *in = &st->insns[i];
        unsigned char out[MAX_FLAGS];
        unsigned next[2], ns = 0;
        const unsigned *succ = next;
        queued[i] = false;
        memcpy(out, &val[i * nk], nk);
        if (wat[i] >= 0)
            out[st->fwrites[wat[i]].flag] = st->fwrites[wat[i]].value;
        if (in->kind == CT_I_RETURN) {
            ns = 0;
        } else if (in->kind == CT_I_JUMP || in->kind == CT_I_BRANCH || in->kind == CT_I_SWITCH) {
            succ = in->targets;
            ns = in->targets ? in->ntargets : 0;
            if (in->kind == CT_I_BRANCH && tat[i] >= 0 && ns == 2) {
                const struct flag_test *t = &st->ftests[tat[i]];
                unsigned char v = out[t->flag];
                if (v == FLAG_ZERO || v == FLAG_NONZERO) {
                    next[0] = in->targets[(v == FLAG_ZERO) == t->zero_on_edge0 ? 0 : 1];
                    succ = next;
                    ns = 1;
                }
            }
        } else if (i + 1 < n) {
            next[0] = i + 1;
            ns = 1;
        }
        for (unsigned s = 0; s < ns; s++) {
            unsigned t = succ[s];
            bool changed = false;
            if (t >= n)
                continue;
            for (unsigned f = 0; f < nk; f++) {
                unsigned char *d = &val[t * nk + f];
                unsigned char j = *d == FLAG_BOTTOM ? out[f] : *d == out[f] ? *d : FLAG_ANY;
                if (out[f] != FLAG_BOTTOM && j != *d) {
                    *d = j;
                    changed = true;
                }
            }
            if (changed && !queued[t]) {
                queued[t] = true;
                stack[top++] = t;
            }
        }
    }
    for (size_t k = 0; k < st->nftests; k++) {
        unsigned i = st->ftests[k].insn;
        if (i >= n || tat[i] != (int)k)
            continue;
        unsigned char v = val[i * nk + st->ftests[k].flag];
        struct ct_insn *in = &st->insns[i];
        if (v != FLAG_ZERO && v != FLAG_NONZERO)
            continue;
        in->targets[0] = in->targets[(v == FLAG_ZERO) == st->ftests[k].zero_on_edge0 ? 0 : 1];
        in->kind = CT_I_JUMP;
        in->ntargets = 1;
    }
out:
    free(val);
    free(wat);
    free(tat);
    free(stack);
    free(queued);
}

/* Whether a value of type T can carry a pointer: only such stores matter to access paths. */
static bool carries_pointer(CXType t)
{
    t = clang_getCanonicalType(t);
    switch (t.kind) {
    case CXType_Pointer:
    case CXType_BlockPointer:
    case CXType_Record:
    case CXType_ConstantArray:
    case CXType_IncompleteArray:
    case CXType_LValueReference:
    case CXType_RValueReference:
    case CXType_MemberPointer:
    case CXType_Unexposed:
    case CXType_Dependent: /* in a template's body: not known */
    case CXType_Invalid:
        return true;
    default:
        return false;
    }
}

static void emit_store(struct lower *st, CXCursor at, struct ct_path dst, struct ct_value src,
                       CXCursor value)
{
    if (dst.base == CT_BASE_NONE && dst.nops == 0)
        return;
    local_result_set(st, &dst, src);
    if (src.kind == CT_VAL_RESULT && (size_t)src.call < st->ncalls) {
        st->calls[src.call].result_to = dst;
        st->calls[src.call].result_used = true;
    }
    if (src.kind != CT_VAL_FUNC && !carries_pointer(clang_getCursorType(value)))
        return; /* n = 3, s->count = len: no pointer, nothing to follow */
    struct ct_insn *in = emit(st, CT_I_STORE, at);
    if (!in)
        return;
    in->dst = dst;
    in->src = src;
}

/* Lowers an initialiser list stored into DST: function values and nested lists become stores,
 * calls inside are lowered. */
static void lower_init_list(struct lower *st, CXCursor list, struct ct_path dst);

struct field_walk {
    CXCursor *fields;
    unsigned n, cap;
};

static enum CXVisitorResult visit_field(CXCursor c, CXClientData data)
{
    struct field_walk *w = data;
    if (w->n == w->cap) {
        unsigned ncap = w->cap ? w->cap * 2 : 8;
        CXCursor *nv = realloc(w->fields, ncap * sizeof(*nv));
        if (!nv)
            return CXVisit_Break;
        w->fields = nv;
        w->cap = ncap;
    }
    w->fields[w->n++] = c;
    return CXVisit_Continue;
}

static struct ct_op field_op(CXCursor field)
{
    struct ct_op op = {CT_OP_FIELD, false, NULL, NULL};
    bool found;
    struct decl_entry *e = decl_slot(field, &found);
    if (e && found) {
        op.field = e->a;
        op.record = e->b;
        op.first = e->flag;
        return op;
    }
    op.field = intern_cx(clang_getCursorSpelling(field));
    op.first = clang_Cursor_getOffsetOfField(field) == 0;
    CXCursor parent = clang_getCursorSemanticParent(field);
    op.record = intern_cx(clang_getTypeSpelling(clang_getCursorType(parent)));
    if (e) {
        e->a = op.field;
        e->b = op.record;
        e->flag = op.first;
    }
    return op;
}

/* The initialiser list of compound literal C ((struct ctx){...}), or a null cursor. */
static CXCursor compound_init(CXCursor c)
{
    CXCursor found = clang_getNullCursor();
    if (clang_getCursorKind(c) != CXCursor_CompoundLiteralExpr)
        return found;
    struct kids ks;
    kids_get(c, &ks);
    for (unsigned i = 0; i < ks.n; i++)
        if (clang_getCursorKind(ks.v[i]) == CXCursor_InitListExpr)
            found = ks.v[i];
    kids_free(&ks);
    return found;
}

static void store_init(struct lower *st, CXCursor value, struct ct_path dst)
{
    CXCursor s = strip(value);
    if (clang_getCursorKind(s) == CXCursor_CompoundLiteralExpr &&
        !clang_Cursor_isNull(compound_init(s)))
        s = compound_init(s); /* x = (struct ctx){...}: field by field */
    if (clang_getCursorKind(s) == CXCursor_InitListExpr) {
        lower_init_list(st, s, dst);
        return;
    }
    struct ct_value v = rval(st, value);
    if (v.kind == CT_VAL_FUNC || v.kind == CT_VAL_ADDR || v.kind == CT_VAL_LOAD ||
        v.kind == CT_VAL_RESULT)
        emit_store(st, value, dst, v, value);
}

static void lower_init_list(struct lower *st, CXCursor list, struct ct_path dst)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(list));
    struct kids ks;
    struct field_walk w = {0};
    bool array = type_is_array(t);

    if (!array && t.kind == CXType_Record)
        clang_Type_visitFields(t, visit_field, &w);
    kids_get(list, &ks);
    unsigned next_field = 0;
    for (unsigned i = 0; i < ks.n && !st->oom; i++) {
        CXCursor k = ks.v[i];
        struct ct_path p = dst;
        struct kids inner;
        bool designated = false;
        kids_get(k, &inner);
        if (clang_getCursorKind(k) == CXCursor_UnexposedExpr && inner.n >= 2 &&
            clang_getCursorKind(inner.v[0]) == CXCursor_MemberRef) {
            CXCursor field = clang_getCursorReferenced(inner.v[0]);
            ct_path_push(&p, field_op(field));
            for (unsigned j = 0; j < w.n; j++)
                if (clang_equalCursors(w.fields[j], field))
                    next_field = j + 1;
            /* a nested designator (.a.b.c = v, as glibc's sigev_notify_function expands to
             * ._sigev_un._sigev_thread._function): one field per member */
            for (unsigned j = 1; j + 1 < inner.n &&
                                 clang_getCursorKind(inner.v[j]) == CXCursor_MemberRef;
                 j++)
                ct_path_push(&p, field_op(clang_getCursorReferenced(inner.v[j])));
            k = inner.v[inner.n - 1];
            designated = true;
        }
        if (!designated && array && clang_getCursorKind(k) == CXCursor_UnexposedExpr &&
            inner.n >= 2) {
            /* [INDEX] = value: the designator, then the value */
            k = inner.v[inner.n - 1];
        }
        kids_free(&inner);
        if (!designated) {
            if (array) {
                struct ct_op op = {CT_OP_INDEX, false, NULL, NULL};
                ct_path_push(&p, op);
            } else if (next_field < w.n) {
                ct_path_push(&p, field_op(w.fields[next_field++]));
            } else {
                continue;
            }
        } else if (array) {
            /* [i] = x designators come through as array designators: treat as an element. */
        }
        store_init(st, k, p);
    }
    kids_free(&ks);
    free(w.fields);
}

static struct ct_value value_unknown(void)
{
    struct ct_value v;
    memset(&v, 0, sizeof(v));
    v.kind = CT_VAL_UNKNOWN;
    v.path = no_path();
    v.call = -1;
    return v;
}

/* --- C++ objects: this, references, constructors and destructors ------------------------- */

/* The object of the method being lowered (its parameter 0), or no path outside methods. */
static struct ct_path this_path(struct lower *st)
{
    struct ct_path p = no_path();
    if (st->has_this) {
        p.base = CT_BASE_PARAM;
        p.index = 0;
        p.name = ct_intern("this");
    }
    return p;
}

static struct ct_value this_value(struct lower *st)
{
    struct ct_value v = value_unknown();
    v.path = this_path(st);
    if (v.path.base != CT_BASE_NONE)
        v.kind = CT_VAL_LOAD;
    return v;
}

static bool type_is_ref(CXType t)
{
    t = clang_getCanonicalType(t);
    return t.kind == CXType_LValueReference || t.kind == CXType_RValueReference;
}

static struct ct_path push_deref(struct ct_path p)
{
    struct ct_op op = {CT_OP_DEREF, false, NULL, NULL};
    ct_path_push(&p, op);
    return p;
}

static enum CXChildVisitResult visit_find_dtor(CXCursor c, CXCursor parent, CXClientData data)
{
    CXCursor *found = data;
    if (clang_getCursorKind(c) == CXCursor_Destructor) {
        *found = c;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

static bool class_dtor(CXType t, const char **usr, const char **name);
static bool owner_dtor(CXType t, const char **usr, const char **name, const char **owner);

static enum CXChildVisitResult visit_member_dtor(CXCursor c, CXCursor parent, CXClientData data)
{
    bool *found = data;
    const char *du, *dn, *ow;
    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_FieldDecl && !type_is_ref(clang_getCursorType(c)) &&
        (class_dtor(clang_getCursorType(c), &du, &dn) ||
         owner_dtor(clang_getCursorType(c), &du, &dn, &ow))) {
        *found = true;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

/* The implicit destructor of class CLS, defined in the program (not a system header, not a
 * template), that declares none but has members with destructors (a std::unique_lock member,
 * an owner): its USR and qualified name, made up as clang would spell a declared one. The
 * function itself is lowered with the class (lower_implicit_dtor). */
static bool implicit_dtor_of(CXCursor cls, const char **usr, const char **name)
{
    enum CXCursorKind k = clang_getCursorKind(cls);
    bool found = false;
    if ((k != CXCursor_ClassDecl && k != CXCursor_StructDecl) ||
        !clang_isCursorDefinition(cls) ||
        clang_Location_isInSystemHeader(clang_getCursorLocation(cls)) ||
        !clang_Cursor_isNull(clang_getSpecializedCursorTemplate(cls)))
        return false;
    clang_visitChildren(cls, visit_member_dtor, &found);
    if (!found)
        return false;
    CXString u = clang_getCursorUSR(cls);
    CXString sp = clang_getCursorSpelling(cls);
    const char *us = clang_getCString(u) ? clang_getCString(u) : "";
    const char *ss = clang_getCString(sp) ? clang_getCString(sp) : "";
    char buf[1200];
    bool ok = us[0] && ss[0];
    if (ok) {
        snprintf(buf, sizeof(buf), "%s@F@~%s#", us, ss);
        *usr = ct_intern(buf);
        snprintf(buf, sizeof(buf), "%s::~%s", qualified_name(cls), ss);
        *name = ct_intern(buf);
    }
    clang_disposeString(u);
    clang_disposeString(sp);
    return ok;
}

/* The destructor of the class DECL declares (or the template it was made from declares), or its
 * implicit one (implicit_dtor_of): its USR and qualified name. False when it has none. */
static bool class_dtor_of(CXCursor decl, const char **usr, const char **name)
{
    bool found;
    struct decl_entry *e;
    CXCursor d = clang_getNullCursor();

    if (clang_Cursor_isNull(decl))
        return false;
    e = decl_slot(decl, &found);
    if (e && found) {
        *usr = e->a;
        *name = e->b;
        return e->flag;
    }
    clang_visitChildren(decl, visit_find_dtor, &d);
    if (clang_Cursor_isNull(d)) {
        CXCursor tmpl = clang_getSpecializedCursorTemplate(decl);
        if (!clang_Cursor_isNull(tmpl))
            clang_visitChildren(tmpl, visit_find_dtor, &d);
    }
    bool has = !clang_Cursor_isNull(d);
    *usr = *name = NULL;
    if (has) {
        decl_names(d, usr, name);
    } else {
        if (e) { /* no answer while the members are looked at (a member of its own type) */
            e->a = e->b = NULL;
            e->flag = false;
        }
        CXCursor def = clang_getCursorDefinition(decl);
        has = implicit_dtor_of(clang_Cursor_isNull(def) ? decl : def, usr, name);
        e = decl_slot(decl, &found); /* the cache may have grown meanwhile */
    }
    if (e) {
        e->a = *usr;
        e->b = *name;
        e->flag = has;
    }
    return has;
}

/* The destructor of class type T (see class_dtor_of). */
static bool class_dtor(CXType t, const char **usr, const char **name)
{
    t = clang_getCanonicalType(t);
    if (t.kind != CXType_Record)
        return false;
    return class_dtor_of(clang_getTypeDeclaration(t), usr, name);
}

/* Pushes a call of USR/NAME with ARGS (owned by the arena) at LOC and its instruction. */
static int push_call(struct lower *st, const char *usr, const char *name, unsigned nargs,
                     struct ct_value *args, struct ct_loc loc, bool implicit, bool moves)
{
    struct ct_call *call = CT_PUSH(st->calls, st->ncalls, st->capcalls);
    if (!call) {
        st->oom = true;
        return -1;
    }
    call->callee_usr = usr;
    call->callee_name = name;
    call->callee_value = value_unknown();
    call->nargs = nargs;
    call->args = args;
    call->result_to = no_path();
    call->loc = loc;
    call->implicit = implicit;
    call->moves = moves;
    int idx = (int)st->ncalls - 1;
    struct ct_insn *in = CT_PUSH(st->insns, st->ninsns, st->capinsns);
    if (!in) {
        st->oom = true;
        return -1;
    }
    in->kind = CT_I_CALL;
    in->call = idx;
    in->guard_call = -1;
    in->loc = loc;
    return idx;
}

static struct ct_value *arena_values(struct lower *st, unsigned n)
{
    struct ct_value *v = ct_arena_alloc(st->facts->arena, (n ? n : 1) * sizeof(*v));
    if (!v)
        st->oom = true;
    return v;
}

static struct ct_value addr_of(struct ct_path p)
{
    struct ct_value v = value_unknown();
    v.path = p;
    if (p.base != CT_BASE_NONE || p.nops)
        v.kind = CT_VAL_ADDR;
    return v;
}

/* Marks the object at P moved from (MOVED) or used again (a method called on it). */
static void mark_moved(struct lower *st, const struct ct_path *p, bool moved)
{
    if (p->base == CT_BASE_NONE)
        return;
    for (size_t i = 0; i < st->nmoved; i++)
        if (ct_path_equal(&st->moved[i], p)) {
            if (!moved)
                st->moved[i] = st->moved[--st->nmoved];
            return;
        }
    if (!moved || st->nmoved >= 64)
        return;
    struct ct_path *m = CT_PUSH(st->moved, st->nmoved, st->capmoved);
    if (!m) {
        st->oom = true;
        return;
    }
    *m = *p;
}

/* Calls the destructor of O at LOC; for an owner, the release of the object it owns. An object
 * moved from (and not used since) owns nothing: no call. */
static void emit_dtor(struct lower *st, const struct live *o, struct ct_loc loc)
{
    for (size_t i = 0; i < st->nmoved; i++)
        if (ct_path_equal(&st->moved[i], &o->obj))
            return;
    struct ct_value *args = arena_values(st, 1);
    if (!args)
        return;
    args[0] = addr_of(o->obj); /* no text: a destructor names no variable of its own */
    if (o->owner && args[0].kind == CT_VAL_ADDR)
        args[0].kind = CT_VAL_LOAD; /* the owned object: what the owner points to */
    int idx = push_call(st, o->usr, o->name, 1, args, loc, true, false);
    if (idx >= 0)
        st->calls[idx].owner = o->owner;
}

/* Destroys the objects alive above MARK, innermost first, at LOC (they stay on the list). */
static void destroy_to(struct lower *st, size_t mark, struct ct_loc loc)
{
    for (size_t i = st->nlives; i-- > mark;)
        emit_dtor(st, &st->lives[i], loc);
}

/* Ends the current full-expression: its temporaries are destroyed at LOC. */
static void flush_temps(struct lower *st, struct ct_loc loc)
{
    for (size_t i = st->ntemps; i-- > 0;)
        emit_dtor(st, &st->temps[i], loc);
    st->ntemps = 0;
}

static void add_live(struct lower *st, struct live **v, size_t *n, size_t *cap,
                     struct ct_path obj, const char *usr, const char *name)
{
    struct live *l = CT_PUSH(*v, *n, *cap);
    if (!l) {
        st->oom = true;
        return;
    }
    l->obj = obj;
    l->usr = usr;
    l->name = name;
    l->owner = NULL;
}

static _Thread_local const char *tl_member_fn; /* the method visit_find_arrow looks for */

static enum CXChildVisitResult visit_find_arrow(CXCursor c, CXCursor parent, CXClientData data)
{
    CXCursor *found = data;
    (void)parent;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_CXXMethod || k == CXCursor_FunctionTemplate) {
        CXString sp = clang_getCursorSpelling(c);
        bool arrow = clang_getCString(sp) && strcmp(clang_getCString(sp), tl_member_fn) == 0;
        clang_disposeString(sp);
        if (arrow) {
            *found = c;
            return CXChildVisit_Break;
        }
    } else if (k == CXCursor_CXXBaseSpecifier && clang_Cursor_isNull(found[1])) {
        found[1] = c; /* the first base, looked at when the class itself has none */
    }
    return CXChildVisit_Continue;
}

static bool has_arrow(CXCursor decl, int depth);

/* Whether class DECL (or a base) declares the method NAME (operator->, operator()). */
static bool has_member_fn(CXCursor decl, const char *name)
{
    tl_member_fn = name;
    return has_arrow(decl, 0);
}

/* Whether a value of type T (through a reference) is a callable object of a library: a class
 * declared in a system header with an operator() (std::function, std::packaged_task), which
 * crosstask takes to be the callable it was built around. */
static bool library_callable(CXType t)
{
    t = clang_getCanonicalType(t);
    if (t.kind == CXType_LValueReference || t.kind == CXType_RValueReference)
        t = clang_getCanonicalType(clang_getPointeeType(t));
    if (t.kind != CXType_Record)
        return false;
    CXCursor d = clang_getTypeDeclaration(t);
    return clang_Location_isInSystemHeader(clang_getCursorLocation(d)) &&
           has_member_fn(d, "operator()");
}

/* Whether the class DECL (or a base, DEPTH levels up) declares tl_member_fn. */
static bool has_arrow(CXCursor decl, int depth)
{
    CXCursor found[2] = {clang_getNullCursor(), clang_getNullCursor()};
    if (clang_Cursor_isNull(decl) || depth > 4)
        return false;
    CXCursor def = clang_getCursorDefinition(decl);
    if (!clang_Cursor_isNull(def))
        decl = def;
    clang_visitChildren(decl, visit_find_arrow, found);
    if (clang_Cursor_isNull(found[0]) && clang_Cursor_isNull(found[1])) {
        CXCursor tmpl = clang_getSpecializedCursorTemplate(decl);
        if (!clang_Cursor_isNull(tmpl))
            clang_visitChildren(tmpl, visit_find_arrow, found);
    }
    if (!clang_Cursor_isNull(found[0]))
        return true;
    if (clang_Cursor_isNull(found[1]))
        return false;
    CXCursor base = clang_getTypeDeclaration(clang_getCanonicalType(clang_getCursorType(found[1])));
    if (clang_Cursor_isNull(base) || clang_getCursorKind(base) == CXCursor_NoDeclFound) {
        /* a dependent base (__shared_ptr<_Tp>) of the template: its template */
        base = clang_getCursorReferenced(found[1]);
        CXCursor t = clang_getSpecializedCursorTemplate(base);
        if (!clang_Cursor_isNull(t))
            base = t;
    }
    return has_arrow(base, depth + 1);
}

static const char *type_name(CXType t);

/* An object of class type T that owns an object of its first template argument, as a smart
 * pointer does (std::shared_ptr<Session>: a class template over a class with a destructor,
 * with operator->): *USR and *NAME get the owned class's destructor, *OWNER the owner's type
 * name. Which of these types own, and how, is the packs' to say ("owners"). */
static bool owner_dtor(CXType t, const char **usr, const char **name, const char **owner)
{
    t = clang_getCanonicalType(t);
    if (t.kind != CXType_Record || clang_Type_getNumTemplateArguments(t) < 1)
        return false;
    CXType a = clang_getCanonicalType(clang_Type_getTemplateArgumentAsType(t, 0));
    if (a.kind != CXType_Record || !class_dtor(a, usr, name))
        return false;
    if (!has_member_fn(clang_getTypeDeclaration(t), "operator->"))
        return false;
    *owner = type_name(t);
    return *owner != NULL;
}

/* Adds OBJ, an owner of type T, to V when T is one (owner_dtor). */
static void add_owner_live(struct lower *st, struct live **v, size_t *n, size_t *cap,
                           struct ct_path obj, CXType t)
{
    const char *du, *dn, *owner;
    if (!owner_dtor(t, &du, &dn, &owner))
        return;
    add_live(st, v, n, cap, obj, du, dn);
    if (!st->oom)
        (*v)[*n - 1].owner = owner;
}

/* Where C ends: its last token ('}' of a block). */
static struct ct_loc end_loc(CXCursor c)
{
    struct ct_loc l = loc_of(clang_getRangeEnd(clang_getCursorExtent(c)));
    if (l.col > 1)
        l.col--;
    return l;
}

/* Whether C (stripped) names an object: an lvalue whose address can be taken. */
static bool is_lvalue_expr(CXCursor c)
{
    c = strip(c);
    switch (clang_getCursorKind(c)) {
    case CXCursor_DeclRefExpr: {
        enum CXCursorKind dk = clang_getCursorKind(clang_getCursorReferenced(c));
        return dk == CXCursor_VarDecl || dk == CXCursor_ParmDecl || dk == CXCursor_FieldDecl;
    }
    case CXCursor_MemberRefExpr:
    case CXCursor_ArraySubscriptExpr:
        return true;
    default:
        return false;
    }
}

static enum CXChildVisitResult visit_template_params(CXCursor c, CXCursor parent,
                                                     CXClientData data)
{
    struct kids *k = data;
    if (clang_getCursorKind(c) == CXCursor_ParmDecl)
        return visit_collect(c, parent, k);
    return CXChildVisit_Continue;
}

/* Whether FN (a function template) is a member template of a class, and not a static one. */
static bool template_has_this(CXCursor fn)
{
    enum CXCursorKind pk = clang_getCursorKind(clang_getCursorSemanticParent(fn));
    return clang_getCursorKind(fn) == CXCursor_FunctionTemplate &&
           (pk == CXCursor_ClassDecl || pk == CXCursor_StructDecl || pk == CXCursor_ClassTemplate ||
            pk == CXCursor_ClassTemplatePartialSpecialization) &&
           !clang_CXXMethod_isStatic(fn);
}

/* How many arguments D (a function or a function template) takes; *PACK when its last parameter
 * is a pack (Args &&...args), which takes any number. */
static int param_count(CXCursor d, bool *pack)
{
    *pack = false;
    if (clang_getCursorKind(d) != CXCursor_FunctionTemplate)
        return clang_Cursor_isVariadic(d) ? (*pack = true, clang_Cursor_getNumArguments(d))
                                          : clang_Cursor_getNumArguments(d);
    struct kids ps;
    ps.v = ps.small;
    ps.n = 0;
    ps.cap = sizeof(ps.small) / sizeof(ps.small[0]);
    ps.oom = false;
    clang_visitChildren(d, visit_template_params, &ps);
    int n = ps.oom ? -1 : (int)ps.n;
    if (n > 0) {
        CXString sp = clang_getTypeSpelling(clang_getCursorType(ps.v[n - 1]));
        const char *t = clang_getCString(sp);
        *pack = t && strstr(t, "...") != NULL;
        clang_disposeString(sp);
    }
    kids_free(&ps);
    return n;
}

/* The declaration a call in a template's body names before its overload is chosen (a dependent
 * argument: tasks_.push(std::move(f))), CALLEE being the called expression: the one overload
 * that takes NARGS arguments, or the first of such overloads when all of them are a library's
 * and share one name (std::move, a container's push). Null otherwise. */
static CXCursor pick_overload(CXCursor callee, int nargs)
{
    CXCursor r = clang_getCursorReferenced(strip(callee));
    CXCursor pick = clang_getNullCursor();
    const char *name = NULL;
    unsigned npick = 0;
    bool library = true;
    if (clang_getCursorKind(r) != CXCursor_OverloadedDeclRef)
        return pick;
    unsigned n = clang_getNumOverloadedDecls(r);
    for (unsigned i = 0; i < n && i < 64; i++) {
        CXCursor d = clang_getOverloadedDecl(r, i);
        bool pack;
        if (!is_function_kind(clang_getCursorKind(d)))
            continue;
        int np = param_count(d, &pack);
        if (np < 0 || (np != nargs && !(pack && nargs >= np - 1)))
            continue;
        const char *dn = qualified_name(d);
        if (npick == 0) {
            pick = d;
            name = dn;
        } else if (dn != name) {
            return clang_getNullCursor(); /* two functions: which one is not known */
        }
        npick++;
        library = library && clang_Location_isInSystemHeader(clang_getCursorLocation(d));
    }
    return npick == 1 || (npick > 1 && library) ? pick : clang_getNullCursor();
}

/* A call that only casts its one argument to an rvalue reference (std::move, std::forward,
 * static_cast<T &&>): the object it names is its argument's. Null cursor otherwise. */
static CXCursor moved_object(CXCursor c)
{
    c = strip(c);
    if (clang_getCursorKind(c) != CXCursor_CallExpr || clang_Cursor_getNumArguments(c) != 1)
        return clang_getNullCursor();
    CXCursor ref = clang_getCursorReferenced(c);
    if (clang_Cursor_isNull(ref) || clang_getCursorKind(ref) == CXCursor_OverloadedDeclRef) {
        /* in a template's body, std::move(f) of a dependent f: its overload is not chosen */
        struct kids ks;
        kids_get(c, &ks);
        if (ks.n > 0 && is_expr_kind(clang_getCursorKind(ks.v[0])))
            ref = pick_overload(ks.v[0], 1);
        kids_free(&ks);
    }
    enum CXCursorKind rk = clang_getCursorKind(ref);
    if ((rk != CXCursor_FunctionDecl && rk != CXCursor_FunctionTemplate) ||
        clang_getCanonicalType(clang_getResultType(clang_getCursorType(ref))).kind !=
            CXType_RValueReference)
        return clang_getNullCursor();
    return clang_Cursor_getArgument(c, 0);
}

/* The address of the object expression C names (its lvalue), for references and objects. */
static struct ct_value object_addr(struct lower *st, CXCursor c)
{
    CXCursor m = moved_object(c);
    if (!clang_Cursor_isNull(m))
        c = m;
    if (is_lvalue_expr(c) || clang_getCursorKind(strip(c)) == CXCursor_UnaryOperator)
        return addr_of(lval(st, c));
    return rval(st, c);
}

static struct ct_path lval(struct lower *st, CXCursor c)
{
    struct ct_path p = no_path();
    enum CXCursorKind k;
    struct kids ks;

    if (++st->depth > MAX_DEPTH) {
        st->depth--;
        return p;
    }
    c = strip(c);
    k = clang_getCursorKind(c);
    switch (k) {
    case CXCursor_DeclRefExpr: {
        CXCursor d = clang_getCursorReferenced(c);
        p = var_path(st, d);
        if (p.base != CT_BASE_NONE && type_is_ref(clang_getCursorType(d)))
            p = push_deref(p); /* a reference names what it was bound to */
        break;
    }
    case CXCursor_CallExpr: {
        CXCursor m = moved_object(c);
        if (!clang_Cursor_isNull(m))
            p = lval(st, m); /* std::move(x) is x */
        else
            (void)rval(st, c);
        break;
    }
    case CXCursor_MemberRefExpr: {
        CXCursor field = clang_getCursorReferenced(c);
        kids_get(c, &ks);
        CXCursor base = clang_getNullCursor();
        for (unsigned i = 0; i < ks.n; i++)
            if (is_expr_kind(clang_getCursorKind(ks.v[i])))
                base = ks.v[i];
        if (clang_Cursor_isNull(base)) {
            p = push_deref(this_path(st));
        } else if (type_is_pointer(clang_getCursorType(base))) {
            p = deref(rval(st, base));
        } else {
            p = lval(st, base);
        }
        kids_free(&ks);
        if (clang_getCursorKind(field) == CXCursor_FieldDecl) {
            ct_path_push(&p, field_op(field));
            if (type_is_ref(clang_getCursorType(field)))
                p = push_deref(p);
        }
        break;
    }
    case CXCursor_ArraySubscriptExpr: {
        kids_get(c, &ks);
        if (ks.n >= 2) {
            CXCursor base = strip(ks.v[0]);
            if (type_is_array(clang_getCursorType(base))) {
                p = lval(st, base);
                struct ct_op op = {CT_OP_INDEX, false, NULL, NULL};
                ct_path_push(&p, op);
            } else {
                p = deref(rval(st, ks.v[0]));
            }
            (void)rval(st, ks.v[1]);
        }
        kids_free(&ks);
        break;
    }
    case CXCursor_UnaryOperator: {
        kids_get(c, &ks);
        if (ks.n == 1 && unary_op(st, c, ks.v[0]) == '*')
            p = deref(rval(st, ks.v[0]));
        else if (ks.n == 1)
            (void)rval(st, ks.v[0]);
        kids_free(&ks);
        break;
    }
    case CXCursor_CXXThisExpr:
        p = this_path(st);
        break;
    default:
        (void)rval(st, c);
        break;
    }
    st->depth--;
    return p;
}

/* The value of an lvalue V of type T read as an rvalue: an array decays to the address of its
 * elements (all one element: arr, arr + i and &arr[i] are the same), anything else is loaded. */
static struct ct_value decay(struct ct_value v, CXType t)
{
    if (type_is_array(t)) {
        struct ct_op op = {CT_OP_INDEX, false, NULL, NULL};
        v.kind = CT_VAL_ADDR;
        ct_path_push(&v.path, op);
    } else {
        v.kind = CT_VAL_LOAD;
    }
    return v;
}


static void lower_object_init(struct lower *st, CXCursor decl, CXCursor init, struct ct_path p);

/* Whether location L lies inside range R (same file). */
static bool loc_inside(CXSourceLocation l, CXSourceRange r)
{
    CXFile f, fs, fe;
    unsigned o, os, oe;
    clang_getFileLocation(l, &f, NULL, NULL, &o);
    clang_getFileLocation(clang_getRangeStart(r), &fs, NULL, NULL, &os);
    clang_getFileLocation(clang_getRangeEnd(r), &fe, NULL, NULL, &oe);
    return f && f == fs && f == fe && o >= os && o <= oe;
}

/* The USR and name a closure written at C is known by. */
static void closure_names(CXCursor c, const char **usr, const char **name)
{
    struct ct_loc l = loc_of(clang_getCursorLocation(c));
    const char *file = l.file ? l.file : "";
    const char *base = strrchr(file, '/');
    char buf[1200];
    snprintf(buf, sizeof(buf), "c:@lambda@%s:%u:%u", file, l.line, l.col);
    *usr = ct_intern(buf);
    snprintf(buf, sizeof(buf), "lambda at %s:%u:%u", base ? base + 1 : file, l.line, l.col);
    *name = ct_intern(buf);
}

/* A lambda: its init-captures ([lk = std::move(lk)]) are initialised here, in the frame of the
 * function that writes it; its body is queued to be lowered as a closure sharing that frame.
 * Its value is the closure's function. */
static struct ct_value lower_lambda(struct lower *st, CXCursor c)
{
    struct ct_value v = value_unknown();
    struct kids ks;
    CXSourceRange ext = clang_getCursorExtent(c);

    kids_get(c, &ks);
    for (unsigned i = 0; i < ks.n; i++) {
        if (clang_getCursorKind(ks.v[i]) != CXCursor_VariableRef)
            continue;
        CXCursor d = clang_getCursorReferenced(ks.v[i]);
        if (clang_getCursorKind(d) != CXCursor_VarDecl ||
            !loc_inside(clang_getCursorLocation(d), ext))
            continue; /* a captured variable of the frame: spelled as there */
        CXCursor init = clang_Cursor_getVarDeclInitializer(d);
        if (!clang_Cursor_isNull(init))
            lower_object_init(st, d, init, var_path(st, d));
    }
    kids_free(&ks);
    if (!st->closures)
        return v;
    struct closure *q = CT_PUSH(st->closures->v, st->closures->n, st->closures->cap);
    if (!q) {
        st->oom = true;
        return v;
    }
    q->lambda = c;
    q->has_this = st->has_this;
    q->frame_usr = st->frame_usr;
    q->nparams = st->nparams;
    q->params = st->nparams ? malloc(st->nparams * sizeof(CXCursor)) : NULL;
    if (st->nparams && !q->params) {
        st->closures->n--;
        st->oom = true;
        return v;
    }
    if (st->nparams)
        memcpy(q->params, st->params, st->nparams * sizeof(CXCursor));
    v.kind = CT_VAL_FUNC;
    closure_names(c, &v.func, &v.func_name);
    return v;
}

/* Appends STR to BUF (SIZE bytes, *LEN used); false when it does not fit. */
static bool append(char *buf, size_t size, size_t *len, const char *str)
{
    size_t n = strlen(str);
    if (*len + n + 1 > size)
        return false;
    memcpy(buf + *len, str, n + 1);
    *len += n;
    return true;
}

/* Writes the object expression C names (a variable, a field, an element, an address or a load of
 * one) from its structure into BUF, so that a resource is named the same however its argument is
 * spelled: `&(s)->mu` in a macro's body, `(a->lock)`, a macro invocation. False when C is not
 * such an expression. */
static bool name_base(struct lower *st, CXCursor c, char *buf, size_t size, size_t *len,
                      int depth);

static bool name_expr(struct lower *st, CXCursor c, char *buf, size_t size, size_t *len, int depth)
{
    struct kids ks;
    bool ok = false;
    CXString sp;

    if (depth > 12)
        return false;
    c = strip(c);
    switch (clang_getCursorKind(c)) {
    case CXCursor_DeclRefExpr:
        sp = clang_getCursorSpelling(c);
        ok = clang_getCString(sp) && clang_getCString(sp)[0] &&
             append(buf, size, len, clang_getCString(sp));
        clang_disposeString(sp);
        return ok;
    case CXCursor_MemberRefExpr:
        kids_get(c, &ks);
        if (ks.n == 0) {
            ok = true; /* a member of this */
        } else if (ks.n == 1 && name_base(st, ks.v[0], buf, size, len, depth + 1)) {
            CXType bt = clang_getCanonicalType(clang_getCursorType(strip(ks.v[0])));
            ok = append(buf, size, len, bt.kind == CXType_Pointer ? "->" : ".");
        }
        kids_free(&ks);
        if (ok) {
            sp = clang_getCursorSpelling(c);
            ok = clang_getCString(sp) && clang_getCString(sp)[0] &&
                 append(buf, size, len, clang_getCString(sp));
            clang_disposeString(sp);
        }
        return ok;
    case CXCursor_UnaryOperator: {
        kids_get(c, &ks);
        char op = ks.n == 1 ? unary_op(st, c, ks.v[0]) : 0;
        if (op == '&' || op == '*') {
            char o[2] = {op, '\0'};
            ok = append(buf, size, len, o) && name_expr(st, ks.v[0], buf, size, len, depth + 1);
        }
        kids_free(&ks);
        return ok;
    }
    case CXCursor_ArraySubscriptExpr:
        kids_get(c, &ks);
        if (ks.n == 2 && name_base(st, ks.v[0], buf, size, len, depth + 1) &&
            append(buf, size, len, "[")) {
            CXCursor ix = strip(ks.v[1]);
            const char *t = NULL;
            char num[32];
            if (clang_getCursorKind(ix) == CXCursor_IntegerLiteral) {
                CXEvalResult r = clang_Cursor_Evaluate(ix);
                if (r && clang_EvalResult_getKind(r) == CXEval_Int) {
                    snprintf(num, sizeof(num), "%lld", clang_EvalResult_getAsLongLong(r));
                    t = num;
                }
                if (r)
                    clang_EvalResult_dispose(r);
            }
            size_t mark = *len;
            ok = (t ? append(buf, size, len, t)
                    : (name_expr(st, ix, buf, size, len, depth + 1) ||
                       (*len = mark, (t = extent_text(st, ix)) && append(buf, size, len, t)))) &&
                 append(buf, size, len, "]");
        }
        kids_free(&ks);
        return ok;
    default:
        return false;
    }
}

/* The base of a field or an element, in parentheses when it is a prefix operator's: (*pp)->mu. */
static bool name_base(struct lower *st, CXCursor c, char *buf, size_t size, size_t *len,
                      int depth)
{
    if (clang_getCursorKind(strip(c)) != CXCursor_UnaryOperator)
        return name_expr(st, c, buf, size, len, depth);
    return append(buf, size, len, "(") && name_expr(st, c, buf, size, len, depth) &&
           append(buf, size, len, ")");
}

/* How argument A is named in findings: the object it names, else its source text. Interned. */
static const char *arg_text(struct lower *st, CXCursor a)
{
    char buf[TEXT_MAX + 1];
    size_t len = 0;
    buf[0] = '\0';
    if (name_expr(st, a, buf, sizeof(buf), &len, 0) && len > 0)
        return ct_intern_n(buf, len);
    return extent_text(st, strip(a));
}

/* The qualified name of class type T (template arguments dropped), or NULL. */
static const char *type_name(CXType t)
{
    t = clang_getCanonicalType(t);
    if (t.kind != CXType_Record)
        return NULL;
    const char *q = qualified_name(clang_getTypeDeclaration(t));
    const char *lt = q ? strchr(q, '<') : NULL;
    return lt ? ct_intern_n(q, (size_t)(lt - q)) : q;
}

/* The first token of C, when it is one of the coroutine keywords. */
static const char *coroutine_keyword(struct lower *st, CXCursor c)
{
    char tok[16];
    token_at(st->tu, clang_getRangeStart(clang_getCursorExtent(c)), tok, sizeof(tok));
    if (strcmp(tok, "co_await") == 0)
        return "co_await";
    if (strcmp(tok, "co_yield") == 0)
        return "co_yield";
    if (strcmp(tok, "co_return") == 0)
        return "co_return";
    return NULL;
}

static bool is_suspension(struct lower *st, CXCursor c)
{
    if (!st->cxx)
        return false;
    const char *kw = coroutine_keyword(st, c);
    return kw && kw[3] != 'r';
}

/* co_await X / co_yield X: X is evaluated, then the coroutine suspends. */
static struct ct_value lower_suspend(struct lower *st, CXCursor c)
{
    struct kids ks;
    struct ct_value v = value_unknown();
    const char *awaitable = NULL;
    bool yield = strcmp(coroutine_keyword(st, c), "co_yield") == 0;

    kids_get(c, &ks);
    if (ks.n > 0 && is_expr_kind(clang_getCursorKind(ks.v[0]))) {
        v = rval(st, ks.v[0]);
        v.text = extent_text(st, ks.v[0]);
        if (!yield)
            awaitable = type_name(clang_getCursorType(ks.v[0]));
    }
    kids_free(&ks);
    struct ct_insn *in = emit(st, CT_I_SUSPEND, c);
    if (in) {
        in->src = v;
        in->awaitable = awaitable;
    }
    return value_unknown();
}

/* Lowers call C. OBJ, when not NULL, is the address of the object a constructor call builds (a
 * variable, a member); without it the object is a temporary, destroyed at the end of the
 * full-expression. A method's object is passed as argument 0. */
/* Whether parameter I of function REF, a template specialisation, is a forwarding reference
 * in its template (T &&, Args &&... with T a template parameter). */
static bool forwarding_param(CXCursor ref, unsigned i)
{
    CXCursor tmpl = clang_getSpecializedCursorTemplate(ref);
    struct kids ks;
    CXCursor params[32];
    int n = 0;
    if (clang_Cursor_isNull(tmpl))
        return false;
    kids_get(tmpl, &ks); /* a function template's parameters are its ParmDecl children */
    for (unsigned k = 0; k < ks.n && n < 32; k++)
        if (clang_getCursorKind(ks.v[k]) == CXCursor_ParmDecl)
            params[n++] = ks.v[k];
    kids_free(&ks);
    if (n <= 0)
        return false;
    CXCursor p = params[i < (unsigned)n ? i : (unsigned)n - 1];
    CXType t = clang_getCursorType(p);
    CXString sp = clang_getTypeSpelling(t);
    const char *s = clang_getCString(sp) ? clang_getCString(sp) : "";
    size_t len = strlen(s);
    bool pack = len >= 3 && strcmp(s + len - 3, "...") == 0;
    if (pack)
        len -= 3;
    while (len > 0 && s[len - 1] == ' ')
        len--;
    bool fwd = len > 2 && s[len - 1] == '&' && s[len - 2] == '&' && strncmp(s, "const ", 6) != 0;
    clang_disposeString(sp);
    if (!fwd || (i >= (unsigned)n - 1 && i != (unsigned)n - 1 && !pack))
        return false;
    /* T && with T a template parameter: the referenced type is dependent, not a known class */
    CXType pt = clang_getPointeeType(t);
    return t.kind != CXType_RValueReference ||
           (pt.kind == CXType_Unexposed || pt.kind == CXType_Invalid);
}

/* Whether T's type is not known before the template it appears in is instantiated (F f). */
static bool type_dependent(CXType t)
{
    t = clang_getCanonicalType(t);
    if (t.kind == CXType_LValueReference || t.kind == CXType_RValueReference)
        t = clang_getCanonicalType(clang_getPointeeType(t));
    return t.kind == CXType_Unexposed || t.kind == CXType_Dependent || t.kind == CXType_Invalid;
}

/* Whether METHOD belongs to a library container of callables: its class's first template
 * argument is a library callable (std::queue<std::function<void()>>). */
static bool holds_callables(CXCursor method)
{
    CXType t = clang_getCursorType(clang_getCursorSemanticParent(method));
    return clang_Type_getNumTemplateArguments(t) > 0 &&
           library_callable(clang_Type_getTemplateArgumentAsType(t, 0));
}

/* A call of a library function or method (declared in a system header) as it moves callable
 * objects around: a library callable (library_callable) holds the callable it was built around,
 * so calling its operator() calls that (an indirect call through the object's value), a method
 * given one stores it in its object (a queue's push_back, a std::function's operator=), one
 * returning one returns what its object holds (front()), and std::move(x) is x's value. The
 * call's value, or RESULT. */
static struct ct_value library_call_values(struct lower *st, CXCursor c, CXCursor ref, int idx,
                                           unsigned shift, struct ct_value *args, unsigned total,
                                           struct ct_value result)
{
    CXString sp = clang_getCursorSpelling(ref);
    bool call_op = clang_getCString(sp) && strcmp(clang_getCString(sp), "operator()") == 0;
    bool deref_op = clang_getCString(sp) && (strcmp(clang_getCString(sp), "operator->") == 0 ||
                                             strcmp(clang_getCString(sp), "operator*") == 0);
    clang_disposeString(sp);
    enum CXCursorKind rk = clang_getCursorKind(ref);
    const char *du, *dn, *ow;
    if (deref_op && !shift && total == 1 && args[0].kind == CT_VAL_LOAD &&
        owner_dtor(clang_getCursorType(clang_Cursor_getArgument(c, 0)), &du, &dn, &ow))
        return args[0]; /* lk->unlock(), (*task)(): the object the owner points to */
    if (call_op && total >= 1 && library_callable(clang_getCursorType(clang_Cursor_getArgument(c, 0)))) {
        /* job(): the callable job holds (its first argument is the object, by value) */
        struct ct_call *call = &st->calls[idx];
        struct ct_value v = shift ? (struct ct_value){0} : args[0];
        if (shift)
            v = args[0].kind == CT_VAL_ADDR ? args[0] : value_unknown();
        if (v.kind == CT_VAL_ADDR)
            v.kind = CT_VAL_LOAD;
        if (v.kind == CT_VAL_LOAD) {
            call->callee_usr = NULL;
            call->callee_name = NULL;
            call->callee_value = v;
            call->callee_value.text = NULL;
        }
        return result;
    }
    if (!clang_Cursor_isNull(moved_object(c)) && total == 1 &&
        (args[0].kind == CT_VAL_LOAD || args[0].kind == CT_VAL_FUNC))
        return args[0]; /* std::move(jobs_.front()) */
    if (total < 1 ||
        (rk != CXCursor_CXXMethod && rk != CXCursor_Constructor && !template_has_this(ref)))
        return result;
    /* the object: argument 0, its address (an operator call may name the object itself) */
    struct ct_path self = !shift && args[0].kind == CT_VAL_LOAD ? args[0].path : deref(args[0]);
    if (self.base == CT_BASE_NONE)
        return result;
    /* a container of callables given a lambda or a template's F: it holds that callable */
    bool elems = total > 1 && holds_callables(ref);
    for (unsigned i = 1; i < total; i++) {
        CXCursor a = clang_Cursor_getArgument(c, i - 1);
        if (clang_Cursor_isNull(a) ||
            !(library_callable(clang_getCursorType(a)) ||
              (elems && (args[i].kind == CT_VAL_FUNC || type_dependent(clang_getCursorType(a))))))
            continue;
        struct ct_value v = args[i];
        if (v.kind == CT_VAL_ADDR)
            v.kind = CT_VAL_LOAD; /* the object passed by reference: what it holds */
        if (v.kind != CT_VAL_LOAD && v.kind != CT_VAL_FUNC)
            continue;
        struct ct_insn *in = emit(st, CT_I_STORE, c);
        if (!in)
            return result;
        in->dst = self;
        in->src = v;
        in->src.text = NULL;
    }
    if (rk == CXCursor_CXXMethod && library_callable(clang_getCursorResultType(ref))) {
        struct ct_value v = value_unknown();
        v.kind = CT_VAL_LOAD; /* jobs_.front(): what the queue holds */
        v.path = self;
        return v;
    }
    return result;
}

struct ctor_pick {
    CXCursor best;
    int score;
    unsigned nargs;
    CXCursor call;
    unsigned first;
};

/* The canonical type T without references and qualifiers, spelled. */
static void bare_type(CXType t, char *buf, size_t size)
{
    t = clang_getCanonicalType(t);
    if (t.kind == CXType_LValueReference || t.kind == CXType_RValueReference)
        t = clang_getCanonicalType(clang_getPointeeType(t));
    CXString sp = clang_getTypeSpelling(t);
    const char *s = clang_getCString(sp) ? clang_getCString(sp) : "";
    for (;;) {
        if (strncmp(s, "const ", 6) == 0)
            s += 6;
        else if (strncmp(s, "volatile ", 9) == 0)
            s += 9;
        else
            break;
    }
    snprintf(buf, size, "%s", s);
    clang_disposeString(sp);
}

/* Whether the type spellings A and B name the same class template, whatever its arguments
 * and namespaces (a template's unique_lock<_Mutex> and std::unique_lock<std::mutex>). */
static bool same_class_name(const char *a, const char *b)
{
    size_t la = strcspn(a, "<"), lb = strcspn(b, "<");
    const char *ea = a + la, *eb = b + lb;
    while (ea > a && ea[-1] != ':')
        ea--;
    while (eb > b && eb[-1] != ':')
        eb--;
    la = (size_t)(a + la - ea);
    lb = (size_t)(b + lb - eb);
    return la && la == lb && memcmp(ea, eb, la) == 0;
}

static enum CXChildVisitResult visit_pick_ctor(CXCursor c, CXCursor parent, CXClientData data)
{
    struct ctor_pick *pk = data;
    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_FunctionTemplate &&
        clang_getTemplateCursorKind(c) == CXCursor_Constructor) {
        /* template <class F, class... Args> thread(F &&, Args &&...): the arguments fit, no
         * better than a constructor that names their types */
        bool pack;
        int np = param_count(c, &pack);
        if ((np == (int)pk->nargs || (pack && (int)pk->nargs >= np - 1)) && pk->score < 0) {
            pk->score = 0;
            pk->best = c;
        }
        return CXChildVisit_Continue;
    }
    if (clang_getCursorKind(c) != CXCursor_Constructor ||
        clang_Cursor_getNumArguments(c) != (int)pk->nargs)
        return CXChildVisit_Continue;
    int score = 0;
    for (unsigned i = 0; i < pk->nargs; i++) {
        char a[256], b[256];
        bare_type(clang_getCursorType(clang_Cursor_getArgument(c, i)), a, sizeof(a));
        bare_type(clang_getCursorType(clang_Cursor_getArgument(pk->call, pk->first + i)), b,
                  sizeof(b));
        score += strcmp(a, b) == 0 ? 2 : same_class_name(a, b);
    }
    if (score == 0 && (clang_CXXConstructor_isCopyConstructor(c) ||
                       clang_CXXConstructor_isMoveConstructor(c)))
        return CXChildVisit_Continue; /* lock_guard(const lock_guard &) = delete */
    if (pk->nargs == 1) {
        /* std::move(lock) picks the move constructor, lock the copy constructor */
        bool moved = !clang_Cursor_isNull(
            moved_object(clang_Cursor_getArgument(pk->call, pk->first)));
        if ((moved && clang_CXXConstructor_isCopyConstructor(c)) ||
            (!moved && clang_CXXConstructor_isMoveConstructor(c)))
            return CXChildVisit_Continue;
    }
    if (score > pk->score) {
        pk->score = score;
        pk->best = c;
    }
    return CXChildVisit_Continue;
}

/* A factory: a variadic function template that builds an object of its first template argument
 * from its trailing arguments and returns an owner of it (make_shared<T>(args...),
 * make_unique<T>(args...), allocate_shared<T>(alloc, args...)): the specialisation REF of call
 * C has a class T as template argument 0 and a pack as its last, and returns a class template
 * over T. *CLS gets T's declaration, *CTOR the constructor the arguments fit best (a null cursor
 * when T declares none of their number), *FIRST the call argument they start at. */
static bool factory_of(CXCursor ref, CXCursor c, CXCursor *cls, CXCursor *ctor, unsigned *first)
{
    int nt = clang_Cursor_getNumTemplateArguments(ref);
    int nargs = clang_Cursor_getNumArguments(c);
    if (nt < 2 || nargs < 0 ||
        clang_Cursor_getTemplateArgumentKind(ref, 0) != CXTemplateArgumentKind_Type ||
        clang_Cursor_getTemplateArgumentKind(ref, (unsigned)nt - 1) != CXTemplateArgumentKind_Pack)
        return false;
    CXType t = clang_getCanonicalType(clang_Cursor_getTemplateArgumentType(ref, 0));
    CXType r = clang_getCanonicalType(clang_getCursorResultType(ref));
    if (t.kind != CXType_Record || r.kind != CXType_Record ||
        clang_Type_getNumTemplateArguments(r) < 1 ||
        !clang_equalTypes(clang_getCanonicalType(clang_Type_getTemplateArgumentAsType(r, 0)), t) ||
        nt - 2 > nargs)
        return false;
    struct ctor_pick pk;
    pk.best = clang_getNullCursor();
    pk.score = -1;
    pk.first = (unsigned)nt - 2;
    pk.nargs = (unsigned)nargs - pk.first;
    pk.call = c;
    *cls = clang_getTypeDeclaration(t);
    CXCursor def = clang_getCursorDefinition(*cls);
    clang_visitChildren(clang_Cursor_isNull(def) ? *cls : def, visit_pick_ctor, &pk);
    if (clang_Cursor_isNull(pk.best)) {
        /* a library template's specialisation (std::lock_guard<std::mutex>) shows no members:
         * the constructors the template declares */
        CXCursor tmpl = clang_getSpecializedCursorTemplate(clang_Cursor_isNull(def) ? *cls : def);
        if (!clang_Cursor_isNull(tmpl))
            clang_visitChildren(tmpl, visit_pick_ctor, &pk);
    }
    *ctor = pk.best;
    *first = pk.first;
    return true;
}

/* An emplace: a library container's method that builds its element from its arguments (a member
 * template whose last parameter is a pack, of a class whose template argument 0 is a class E:
 * workers_.emplace_back(lambda) builds a std::thread from the lambda). *CTOR gets E's
 * constructor the arguments fit (a null cursor when E declares none of their number). */
static bool emplace_of(CXCursor ref, CXCursor c, CXCursor *ctor)
{
    bool pack;
    CXCursor t = clang_getCursorKind(ref) == CXCursor_FunctionTemplate
                     ? ref
                     : clang_getSpecializedCursorTemplate(ref);
    int nargs = clang_Cursor_getNumArguments(c);
    if (clang_Cursor_isNull(t) || clang_getCursorKind(t) != CXCursor_FunctionTemplate ||
        !template_has_this(t) || param_count(t, &pack) < 1 || !pack || nargs < 1)
        return false;
    CXType ct = clang_getCursorType(clang_getCursorSemanticParent(ref));
    if (clang_Type_getNumTemplateArguments(ct) < 1)
        return false;
    CXType e = clang_getCanonicalType(clang_Type_getTemplateArgumentAsType(ct, 0));
    if (e.kind != CXType_Record)
        return false;
    struct ctor_pick pk;
    pk.best = clang_getNullCursor();
    pk.score = -1;
    pk.first = 0;
    pk.nargs = (unsigned)nargs;
    pk.call = c;
    CXCursor cls = clang_getTypeDeclaration(e);
    CXCursor def = clang_getCursorDefinition(cls);
    clang_visitChildren(clang_Cursor_isNull(def) ? cls : def, visit_pick_ctor, &pk);
    if (clang_Cursor_isNull(pk.best)) {
        CXCursor tmpl = clang_getSpecializedCursorTemplate(clang_Cursor_isNull(def) ? cls : def);
        if (!clang_Cursor_isNull(tmpl))
            clang_visitChildren(tmpl, visit_pick_ctor, &pk);
    }
    *ctor = pk.best;
    return !clang_Cursor_isNull(pk.best);
}

/* The object a factory call (factory_of) at C builds: T's constructor CTOR called on a new
 * object with the arguments ARGS[FIRST..NARGS) the factory was given (lowered as references:
 * a by-value parameter reads what they name). Returns the object's address. */
static struct ct_value lower_factory(struct lower *st, CXCursor c, CXCursor ctor,
                                     const struct ct_value *args, unsigned nargs, unsigned first)
{
    struct ct_loc l = loc_of(clang_getCursorLocation(c));
    char key[64];
    struct ct_path hp = no_path();
    snprintf(key, sizeof(key), "made@%u:%u", l.line, l.col);
    hp.base = CT_BASE_LOCAL;
    hp.key = ct_intern(key);
    hp.name = ct_intern("new object");
    struct ct_value obj = addr_of(hp);
    if (clang_Cursor_isNull(ctor) || first > nargs)
        return obj;
    unsigned n = nargs - first + 1;
    struct ct_value *cargs = arena_values(st, n);
    if (!cargs)
        return obj;
    cargs[0] = obj;
    cargs[0].text = extent_text(st, c); /* the object is named by the call that made it */
    for (unsigned i = 1; i < n; i++) {
        cargs[i] = args[first + i - 1];
        CXCursor a = clang_Cursor_getArgument(c, first + i - 1);
        bool by_ref = type_is_ref(clang_getCursorType(clang_Cursor_getArgument(ctor, i - 1)));
        if (cargs[i].kind == CT_VAL_ADDR && is_lvalue_expr(a) && !by_ref)
            cargs[i] = decay(cargs[i], clang_getCursorType(strip(a)));
        else if (cargs[i].kind == CT_VAL_LOAD && by_ref &&
                 (is_lvalue_expr(a) || !clang_Cursor_isNull(moved_object(a))))
            cargs[i].kind = CT_VAL_ADDR; /* the constructor binds a reference to the object */
    }
    const char *usr, *name;
    decl_names(ctor, &usr, &name);
    (void)push_call(st, usr, name, n, cargs, l, false,
                    n == 2 && clang_CXXConstructor_isMoveConstructor(ctor));
    return obj;
}

static struct ct_value lower_call_obj(struct lower *st, CXCursor c, const struct ct_value *obj)
{
    struct ct_value result = value_unknown();
    struct kids ks;
    int nargs = clang_Cursor_getNumArguments(c);
    CXCursor ref = clang_getCursorReferenced(c);
    enum CXCursorKind rk = clang_getCursorKind(ref);
    bool direct = rk == CXCursor_FunctionDecl || rk == CXCursor_CXXMethod ||
                  rk == CXCursor_FunctionTemplate || rk == CXCursor_Constructor ||
                  rk == CXCursor_Destructor || rk == CXCursor_ConversionFunction;
    bool method = (rk == CXCursor_CXXMethod && !clang_CXXMethod_isStatic(ref)) ||
                  rk == CXCursor_Destructor || rk == CXCursor_ConversionFunction ||
                  template_has_this(ref);
    bool moves = false;
    struct ct_value callee = value_unknown();
    struct ct_value object = value_unknown();
    unsigned shift = 0;

    if (nargs < 0)
        nargs = 0;
    kids_get(c, &ks);
    if (!direct && ks.n > 0 && st->cxx && is_expr_kind(clang_getCursorKind(ks.v[0]))) {
        CXCursor o = pick_overload(ks.v[0], nargs);
        if (!clang_Cursor_isNull(o)) {
            ref = o;
            rk = clang_getCursorKind(o);
            direct = true;
            method = (rk == CXCursor_CXXMethod && !clang_CXXMethod_isStatic(ref)) ||
                     template_has_this(ref);
        }
    }
    if (!direct && ks.n > 0) {
        /* (f)(x), as GLib's autoptr cleanups call: still a direct call of f */
        CXCursor inner = strip(ks.v[0]);
        if (clang_getCursorKind(inner) == CXCursor_DeclRefExpr) {
            CXCursor d = clang_getCursorReferenced(inner);
            if (clang_getCursorKind(d) == CXCursor_FunctionDecl) {
                ref = d;
                direct = true;
            }
        }
    }
    if (!direct && ks.n > 0 && is_expr_kind(clang_getCursorKind(ks.v[0])) &&
        !(clang_getCursorKind(strip(ks.v[0])) == CXCursor_MemberRefExpr &&
          clang_Cursor_isNull(clang_getCursorReferenced(strip(ks.v[0])))))
        callee = rval(st, ks.v[0]); /* not task->get_future() of a dependent task: unknown */
    if (rk == CXCursor_Constructor) {
        shift = 1;
        moves = clang_CXXConstructor_isMoveConstructor(ref) != 0;
        if (obj) {
            object = *obj;
            if (!object.text && object.kind == CT_VAL_ADDR && object.path.name) {
                char text[TEXT_MAX + 2];
                object.text = ct_intern(ct_path_format(&object.path, text, sizeof(text)));
            }
        } else {
            /* a temporary: destroyed at the end of the full-expression */
            const char *du, *dn;
            struct ct_loc l = loc_of(clang_getCursorLocation(c));
            char key[64];
            snprintf(key, sizeof(key), "tmp@%u:%u", l.line, l.col);
            struct ct_path tp = no_path();
            tp.base = CT_BASE_LOCAL;
            tp.key = ct_intern(key);
            tp.name = ct_intern("temporary");
            object = addr_of(tp);
            if (class_dtor(clang_getCursorType(clang_getCursorSemanticParent(ref)), &du, &dn))
                add_live(st, &st->temps, &st->ntemps, &st->captemps, tp, du, dn);
        }
    } else if (method && rk == CXCursor_CXXMethod && nargs > 0 &&
               nargs == clang_Cursor_getNumArguments(ref) + 1) {
        /* an operator call (item.function = f, s->job()): the object is its first argument,
         * and a member expression there names the object, not the method */
    } else if (method && ks.n > 0 && clang_getCursorKind(ks.v[0]) == CXCursor_MemberRefExpr) {
        struct kids mk;
        CXCursor base = clang_getNullCursor();
        shift = 1;
        kids_get(ks.v[0], &mk);
        for (unsigned i = 0; i < mk.n; i++)
            if (is_expr_kind(clang_getCursorKind(mk.v[i])))
                base = mk.v[i];
        kids_free(&mk);
        if (clang_Cursor_isNull(base))
            object = this_value(st); /* m() inside a method: this->m() */
        else if (type_is_pointer(clang_getCursorType(base)))
            object = rval(st, base);
        else
            object = object_addr(st, base);
        object.text = clang_Cursor_isNull(base) ? ct_intern("this") : extent_text(st, base);
    }
    kids_free(&ks);

    unsigned total = (unsigned)nargs + shift;
    struct ct_value *args = NULL;
    if (total > 0) {
        args = ct_arena_alloc(st->facts->arena, (size_t)total * sizeof(*args));
        if (!args) {
            st->oom = true;
            return result;
        }
    }
    if (shift)
        args[0] = object;
    int nparams = direct ? clang_Cursor_getNumArguments(ref) : -1;
    for (int i = 0; i < nargs; i++) {
        CXCursor a = clang_Cursor_getArgument(c, (unsigned)i);
        /* an object passed by reference: the callee sees its address (not through a
         * forwarding reference, which hands the value on: std::thread(serve, req)) */
        if (st->cxx && i < nparams && type_is_ref(clang_getCursorType(clang_Cursor_getArgument(ref, (unsigned)i))) &&
            (is_lvalue_expr(a) || !clang_Cursor_isNull(moved_object(a))) &&
            !forwarding_param(ref, (unsigned)i))
            args[i + shift] = object_addr(st, a);
        else
            args[i + shift] = rval(st, a);
        args[i + shift].text = arg_text(st, a);
        if (st->cxx && i < nparams && !clang_Cursor_isNull(moved_object(a)) &&
            (clang_getCursorKind(strip(moved_object(a))) == CXCursor_DeclRefExpr ||
             clang_getCursorKind(strip(moved_object(a))) == CXCursor_MemberRefExpr) &&
            is_lvalue_expr(moved_object(a)) &&
            (moves || forwarding_param(ref, (unsigned)i) ||
             !type_is_ref(clang_getCursorType(clang_Cursor_getArgument(ref, (unsigned)i))))) {
            /* std::move(lock) into a move constructor, a by-value parameter or a forwarding
             * one (std::thread's arguments): the object handed on owns nothing now */
            struct ct_path mp = lval(st, moved_object(a));
            mark_moved(st, &mp, true);
        }
    }
    if (shift && object.kind == CT_VAL_ADDR && st->nmoved)
        mark_moved(st, &object.path, false); /* lock.lock() after the move: it owns again */
    struct ct_call *call = CT_PUSH(st->calls, st->ncalls, st->capcalls);
    if (!call) {
        st->oom = true;
        return result;
    }
    if (direct) {
        decl_names(ref, &call->callee_usr, &call->callee_name);
    } else if (callee.kind == CT_VAL_FUNC) {
        /* a callee chosen at compile time, (_Generic(m, T: f, ...))(m): a direct call */
        call->callee_usr = callee.func;
        call->callee_name = callee.func_name;
    } else {
        call->callee_value = callee;
    }
    call->nargs = total;
    call->args = args;
    call->result_used = true;
    call->result_to = no_path();
    call->loc = loc_of(clang_getCursorLocation(c));
    call->moves = moves;
    int idx = (int)st->ncalls - 1;
    struct ct_insn *in = emit(st, CT_I_CALL, c);
    if (in)
        in->call = idx;
    if (st->guard_active && clang_equalCursors(c, st->guard_target))
        st->guard_found = idx;
    result.kind = CT_VAL_RESULT;
    result.call = idx;
    if (rk == CXCursor_Constructor && !obj && total == 2 && args[1].kind == CT_VAL_FUNC)
        return args[1]; /* a wrapper built around a callable (std::function) calls it */
    CXCursor cls, ctor;
    unsigned first;
    if (st->cxx && rk == CXCursor_FunctionDecl && !shift && factory_of(ref, c, &cls, &ctor, &first))
        return lower_factory(st, c, ctor, args, total, first);
    if (st->cxx && direct && shift && clang_Location_isInSystemHeader(clang_getCursorLocation(ref)) &&
        emplace_of(ref, c, &ctor))
        (void)lower_factory(st, c, ctor, args + 1, total - 1, 0); /* the element it builds */
    if (st->cxx && direct && clang_Location_isInSystemHeader(clang_getCursorLocation(ref))) {
        result = library_call_values(st, c, ref, idx, shift, args, total, result);
        if (result.kind == CT_VAL_RESULT && type_dependent(clang_getCursorType(c))) {
            /* in a template's body, a library call whose type is not known yet
             * (std::bind(std::forward<F>(f), args...), std::make_shared<...>(that)): what it
             * returns may be, or hold, the callable it was given first */
            for (unsigned i = shift; i < total; i++) {
                CXCursor a = clang_Cursor_getArgument(c, i - shift);
                if (args[i].kind == CT_VAL_FUNC ||
                    ((args[i].kind == CT_VAL_LOAD || args[i].kind == CT_VAL_ADDR) &&
                     (type_dependent(clang_getCursorType(a)) ||
                      library_callable(clang_getCursorType(a))))) {
                    struct ct_value v = args[i];
                    if (v.kind == CT_VAL_ADDR)
                        v.kind = CT_VAL_LOAD;
                    v.text = NULL;
                    return v;
                }
            }
        }
    }
    return result;
}

static struct ct_value lower_call(struct lower *st, CXCursor c)
{
    return lower_call_obj(st, c, NULL);
}

/* After CALL, a copy or move constructor of an owner (a smart pointer) building the object at
 * P from another one: P points where the source points (the closure's [g = std::move(guard)]
 * owns the guard main made). */
static void owner_copied(struct lower *st, CXCursor at, CXCursor call, struct ct_path p)
{
    const char *du, *dn, *ow;
    CXCursor ref = clang_getCursorReferenced(call);
    if (clang_Cursor_getNumArguments(call) != 1 ||
        !(clang_CXXConstructor_isMoveConstructor(ref) || clang_CXXConstructor_isCopyConstructor(ref)) ||
        !owner_dtor(clang_getCursorType(call), &du, &dn, &ow))
        return;
    CXCursor src = clang_Cursor_getArgument(call, 0);
    CXCursor m = moved_object(src);
    if (!clang_Cursor_isNull(m))
        src = m;
    if (!is_lvalue_expr(src))
        return;
    struct ct_path sp = lval(st, src);
    if (sp.base == CT_BASE_NONE)
        return;
    struct ct_value v = value_unknown();
    v.kind = CT_VAL_LOAD;
    v.path = sp;
    emit_store(st, at, p, v, src);
}

/* Initialises the object at P, declared as DECL, from INIT: a constructor call builds it there,
 * a moved object (std::move(x)) moves into it, a reference is bound to what it names; anything
 * else is a store. */
static void lower_object_init(struct lower *st, CXCursor decl, CXCursor init, struct ct_path p)
{
    CXCursor s = strip(init);
    CXType t = clang_getCursorType(decl);
    CXCursor m = moved_object(s);

    if (type_is_ref(t)) {
        struct ct_value v = object_addr(st, init);
        if (v.kind == CT_VAL_ADDR || v.kind == CT_VAL_LOAD || v.kind == CT_VAL_RESULT)
            emit_store(st, init, p, v, init);
    } else if (clang_getCursorKind(s) == CXCursor_CallExpr &&
               clang_getCursorKind(clang_getCursorReferenced(s)) == CXCursor_Constructor) {
        struct ct_value obj = addr_of(p);
        (void)lower_call_obj(st, s, &obj);
        owner_copied(st, init, s, p);
    } else if (!clang_Cursor_isNull(m) &&
               clang_getCanonicalType(t).kind == CXType_Record) {
        struct ct_value *args = arena_values(st, 2);
        if (!args)
            return;
        args[0] = addr_of(p);
        args[1] = object_addr(st, m);
        args[1].text = extent_text(st, m);
        (void)push_call(st, NULL, ct_intern("(move)"), 2, args,
                        loc_of(clang_getCursorLocation(init)), false, true);
        if (args[1].kind == CT_VAL_ADDR)
            mark_moved(st, &args[1].path, true);
    } else {
        store_init(st, init, p);
    }
}

/* Whether the right operand C of a binary operator may hold a call or a branch of its own, so that
 * the operator (&&, ||, the comma) decides whether or in which order it runs. */
static bool may_branch(CXCursor c)
{
    switch (clang_getCursorKind(strip(c))) {
    case CXCursor_CallExpr:
    case CXCursor_BinaryOperator:
    case CXCursor_UnaryOperator:
    case CXCursor_ConditionalOperator:
    case CXCursor_StmtExpr:
        return true;
    default:
        return false;
    }
}

static unsigned lower_cond(struct lower *st, CXCursor cond, bool negate);

static struct ct_value rval(struct lower *st, CXCursor c)
{
    struct ct_value v = value_unknown();
    struct kids ks;
    enum CXCursorKind k;

    if (++st->depth > MAX_DEPTH || st->oom) {
        st->depth--;
        return v;
    }
    c = strip(c);
    k = clang_getCursorKind(c);
    switch (k) {
    case CXCursor_DeclRefExpr: {
        CXCursor d = clang_getCursorReferenced(c);
        enum CXCursorKind dk = clang_getCursorKind(d);
        if (dk == CXCursor_FunctionDecl || dk == CXCursor_CXXMethod) {
            v.kind = CT_VAL_FUNC;
            decl_names(d, &v.func, &v.func_name);
        } else if (dk == CXCursor_EnumConstantDecl) {
            v.kind = CT_VAL_CONST;
            v.const_value = clang_getEnumConstantDeclValue(d);
        } else {
            v.path = var_path(st, d);
            if (v.path.base != CT_BASE_NONE && type_is_ref(clang_getCursorType(d)))
                v.path = push_deref(v.path);
            if (v.path.base != CT_BASE_NONE)
                v = decay(v, clang_getCursorType(c));
        }
        break;
    }
    case CXCursor_MemberRefExpr:
    case CXCursor_ArraySubscriptExpr:
        v.path = lval(st, c);
        v = decay(v, clang_getCursorType(c));
        break;
    case CXCursor_UnaryOperator: {
        char op = 0;
        kids_get(c, &ks);
        if (ks.n == 1)
            op = unary_op(st, c, ks.v[0]);
        if (ks.n == 1 && op == '&') {
            CXCursor sub = strip(ks.v[0]);
            enum CXCursorKind sk = clang_getCursorKind(sub);
            if (sk == CXCursor_DeclRefExpr &&
                (clang_getCursorKind(clang_getCursorReferenced(sub)) == CXCursor_FunctionDecl ||
                 clang_getCursorKind(clang_getCursorReferenced(sub)) == CXCursor_CXXMethod)) {
                v = rval(st, sub);
            } else {
                v.path = lval(st, ks.v[0]);
                v.kind = CT_VAL_ADDR;
            }
        } else if (ks.n == 1 && op == '*') {
            CXCursor sub = ks.v[0];
            if (type_is_func_ptr(clang_getCursorType(strip(sub)))) {
                v = rval(st, sub); /* (*fp)(x) calls fp */
            } else {
                v.path = deref(rval(st, sub));
                v.kind = CT_VAL_LOAD;
            }
        } else {
            for (unsigned i = 0; i < ks.n; i++)
                (void)rval(st, ks.v[i]);
        }
        kids_free(&ks);
        break;
    }
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator: {
        char op[16] = "";
        kids_get(c, &ks);
        if (ks.n == 2) {
            /* Only pointers and call results matter here (n = a + b needs no operator): the
             * operator is looked up from the tokens only then. */
            if (k == CXCursor_BinaryOperator &&
                (carries_pointer(clang_getCursorType(c)) || may_branch(ks.v[1]) ||
                 flag_of(st, ks.v[0]) >= 0))
                binop_spelling(st, c, ks.v[0], ks.v[1], op, sizeof(op));
            if (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0) {
                /* running && pthread_mutex_unlock(&m): the right operand runs on one edge */
                unsigned br = lower_cond(st, c, false);
                set_target(st, br, 0, here(st));
                set_target(st, br, 1, here(st));
            } else if (k == CXCursor_BinaryOperator && strcmp(op, "=") == 0) {
                struct ct_path dst = lval(st, ks.v[0]);
                CXCursor rhs = strip(ks.v[1]);
                if (!clang_Cursor_isNull(compound_init(rhs)))
                    rhs = compound_init(rhs);
                if (clang_getCursorKind(rhs) == CXCursor_InitListExpr) {
                    lower_init_list(st, rhs, dst);
                } else {
                    v = rval(st, ks.v[1]);
                    emit_store(st, c, dst, v, ks.v[1]);
                    flag_write(st, c, &dst, &v, ks.v[1], true);
                }
            } else if (strcmp(op, ",") == 0) {
                (void)rval(st, ks.v[0]);
                v = rval(st, ks.v[1]);
            } else if ((strcmp(op, "+") == 0 || strcmp(op, "-") == 0) &&
                       type_is_pointer(clang_getCursorType(c)) &&
                       !type_is_byte_pointer(clang_getCursorType(c))) {
                /* p + i points into the same array as p: every element is one element */
                struct ct_value a = rval(st, ks.v[0]), b = rval(st, ks.v[1]);
                v = type_is_pointer(clang_getCursorType(ks.v[0])) ? a : b;
                if (v.kind == CT_VAL_ADDR && (v.path.nops == 0 ||
                                              v.path.ops[v.path.nops - 1].kind != CT_OP_INDEX)) {
                    struct ct_op op_index = {CT_OP_INDEX, false, NULL, NULL};
                    ct_path_push(&v.path, op_index);
                }
            } else {
                (void)rval(st, ks.v[0]);
                (void)rval(st, ks.v[1]);
            }
        } else {
            for (unsigned i = 0; i < ks.n; i++)
                (void)rval(st, ks.v[i]);
        }
        kids_free(&ks);
        break;
    }
    case CXCursor_CallExpr:
        v = lower_call(st, c);
        break;
    case CXCursor_ConditionalOperator:
        kids_get(c, &ks);
        if (ks.n == 3 && const_nonzero(ks.v[0]) >= 0) {
            /* 0 ? a : b, 1 ? a : b: only the live arm runs, and its value is the value (GLib's
             * g_steal_pointer(pp) is `0 ? *pp : (g_steal_pointer)(pp)`, for the type) */
            v = rval(st, ks.v[const_nonzero(ks.v[0]) ? 1 : 2]);
        } else if (ks.n == 3) {
            /* c ? a : b: a branch, each arm on its own edge; the value is not followed */
            unsigned br = lower_cond(st, ks.v[0], false);
            set_target(st, br, 0, here(st));
            (void)rval(st, ks.v[1]);
            unsigned j = emit_jump(st, c, ~0u);
            set_target(st, br, 1, here(st));
            (void)rval(st, ks.v[2]);
            set_target(st, j, 0, here(st));
        } else {
            for (unsigned i = 0; i < ks.n; i++)
                (void)rval(st, ks.v[i]);
        }
        kids_free(&ks);
        break;
    case CXCursor_GenericSelectionExpr: {
        /* _Generic(x, T1: a, T2: b): only the chosen association is evaluated (the controlling
         * expression is not); it is the one whose type is the selection's own. When several
         * have that type the choice is not known, and nothing is evaluated. */
        CXType t = clang_getCanonicalType(clang_getCursorType(c));
        CXCursor chosen = clang_getNullCursor();
        unsigned nmatch = 0, nexpr = 0;
        kids_get(c, &ks);
        for (unsigned i = 0; i < ks.n; i++) {
            if (!is_expr_kind(clang_getCursorKind(ks.v[i])) || nexpr++ == 0)
                continue;
            if (clang_equalTypes(clang_getCanonicalType(clang_getCursorType(ks.v[i])), t)) {
                chosen = ks.v[i];
                nmatch++;
            }
        }
        if (nmatch == 1)
            v = rval(st, chosen);
        kids_free(&ks);
        break;
    }
    case CXCursor_IntegerLiteral: {
        CXEvalResult r = clang_Cursor_Evaluate(c);
        v.kind = CT_VAL_CONST;
        if (r) {
            if (clang_EvalResult_getKind(r) == CXEval_Int)
                v.const_value = clang_EvalResult_getAsLongLong(r);
            clang_EvalResult_dispose(r);
        }
        break;
    }
    case CXCursor_UnaryExpr: /* sizeof, alignof: not evaluated */
    case CXCursor_StringLiteral:
    case CXCursor_CharacterLiteral:
    case CXCursor_FloatingLiteral:
        break;
    case CXCursor_LambdaExpr:
        v = lower_lambda(st, c);
        break;
    case CXCursor_CXXNewExpr: {
        /* new T(args): T's constructor builds an object on the heap, named by where it is */
        struct ct_loc l = loc_of(clang_getCursorLocation(c));
        char key[64];
        struct ct_path hp = no_path();
        snprintf(key, sizeof(key), "new@%u:%u", l.line, l.col);
        hp.base = CT_BASE_LOCAL;
        hp.key = ct_intern(key);
        hp.name = ct_intern("new object");
        struct ct_value obj = addr_of(hp);
        kids_get(c, &ks);
        for (unsigned i = 0; i < ks.n; i++) {
            CXCursor k2 = strip(ks.v[i]);
            if (clang_getCursorKind(k2) == CXCursor_CallExpr &&
                clang_getCursorKind(clang_getCursorReferenced(k2)) == CXCursor_Constructor)
                (void)lower_call_obj(st, k2, &obj);
            else if (is_expr_kind(clang_getCursorKind(ks.v[i])))
                (void)rval(st, ks.v[i]);
        }
        kids_free(&ks);
        v = obj;
        break;
    }
    case CXCursor_CXXDeleteExpr: {
        /* delete p: the destructor of what p points to runs here */
        const char *du, *dn;
        kids_get(c, &ks);
        for (unsigned i = 0; i < ks.n; i++) {
            if (!is_expr_kind(clang_getCursorKind(ks.v[i])))
                continue;
            struct ct_value p = rval(st, ks.v[i]);
            CXType pt = clang_getPointeeType(clang_getCanonicalType(clang_getCursorType(strip(ks.v[i]))));
            struct ct_value *args = class_dtor(pt, &du, &dn) ? arena_values(st, 1) : NULL;
            if (args) {
                args[0] = p;
                args[0].text = NULL;
                (void)push_call(st, du, dn, 1, args, loc_of(clang_getCursorLocation(c)), true,
                                false);
            }
            break;
        }
        kids_free(&ks);
        break;
    }
    case CXCursor_CXXThisExpr:
        v = this_value(st);
        break;
    case CXCursor_UnexposedExpr:
        if (is_suspension(st, c)) {
            v = lower_suspend(st, c);
            break;
        }
        kids_get(c, &ks);
        for (unsigned i = 0; i < ks.n; i++) {
            enum CXCursorKind ck = clang_getCursorKind(ks.v[i]);
            if (is_expr_kind(ck))
                (void)rval(st, ks.v[i]);
            else if (clang_isStatement(ck))
                lower_stmt(st, ks.v[i]);
        }
        kids_free(&ks);
        break;
    case CXCursor_CompoundLiteralExpr:
        /* (state_fn){st_finish}: the function values it holds flow into its fields */
        kids_get(c, &ks);
        for (unsigned i = 0; i < ks.n; i++)
            if (clang_getCursorKind(ks.v[i]) == CXCursor_InitListExpr)
                lower_init_list(st, ks.v[i], no_path());
        kids_free(&ks);
        break;
    case CXCursor_StmtExpr:
        kids_get(c, &ks);
        for (unsigned i = 0; i < ks.n; i++)
            lower_stmt(st, ks.v[i]);
        kids_free(&ks);
        break;
    default:
        kids_get(c, &ks);
        for (unsigned i = 0; i < ks.n; i++) {
            enum CXCursorKind ck = clang_getCursorKind(ks.v[i]);
            if (is_expr_kind(ck))
                (void)rval(st, ks.v[i]);
            else if (clang_isStatement(ck))
                lower_stmt(st, ks.v[i]);
        }
        kids_free(&ks);
        break;
    }
    st->depth--;
    return v;
}

/* --- conditions -------------------------------------------------------------------------- */

/* Finds which call's zero-ness condition C tests. Sets *TARGET to the call cursor, or *CALL to a
 * call index when C tests a local holding a call's result; *ZERO_ON_TRUE says whether the true
 * edge means the call returned 0. */
static bool find_guard(struct lower *st, CXCursor c, CXCursor *target, int *call,
                       bool *zero_on_true, int depth)
{
    struct kids ks;
    bool found = false;

    if (depth > 16)
        return false;
    c = strip(c);
    switch (clang_getCursorKind(c)) {
    case CXCursor_CallExpr: {
        /* __builtin_expect(x, 0) is x, with a hint for the compiler */
        CXCursor ref = clang_getCursorReferenced(c);
        CXString name = clang_getCursorSpelling(ref);
        bool expect = clang_getCString(name) &&
                      strcmp(clang_getCString(name), "__builtin_expect") == 0 &&
                      clang_Cursor_getNumArguments(c) == 2;
        clang_disposeString(name);
        if (expect)
            return find_guard(st, clang_Cursor_getArgument(c, 0), target, call, zero_on_true,
                              depth + 1);
        *target = c;
        *zero_on_true = false;
        return true;
    }
    case CXCursor_DeclRefExpr: {
        struct ct_path p = var_path(st, clang_getCursorReferenced(c));
        if (p.base == CT_BASE_LOCAL) {
            int k = local_result_find(st, p.key);
            if (k >= 0) {
                *call = k;
                *zero_on_true = false;
                return true;
            }
        }
        return false;
    }
    case CXCursor_UnaryOperator: {
        kids_get(c, &ks);
        if (ks.n != 1 || unary_op(st, c, ks.v[0]) != '!') {
            kids_free(&ks);
            return false;
        }
        if (ks.n == 1 && find_guard(st, ks.v[0], target, call, zero_on_true, depth + 1)) {
            *zero_on_true = !*zero_on_true;
            found = true;
        }
        kids_free(&ks);
        return found;
    }
    case CXCursor_BinaryOperator: {
        char op[16];
        kids_get(c, &ks);
        if (ks.n == 2) {
            binop_spelling(st, c, ks.v[0], ks.v[1], op, sizeof(op));
            if (strcmp(op, "==") == 0 || strcmp(op, "!=") == 0) {
                CXCursor other = clang_getNullCursor();
                if (is_zero_const(ks.v[1]))
                    other = ks.v[0];
                else if (is_zero_const(ks.v[0]))
                    other = ks.v[1];
                if (!clang_Cursor_isNull(other) &&
                    find_guard(st, other, target, call, zero_on_true, depth + 1)) {
                    if (strcmp(op, "==") == 0)
                        *zero_on_true = !*zero_on_true;
                    found = true;
                } else if (strcmp(op, "==") == 0) {
                    /* trylock(&m) == EBUSY: the true edge means it returned non-zero */
                    if (const_nonzero(ks.v[1]) == 1)
                        other = ks.v[0];
                    else if (const_nonzero(ks.v[0]) == 1)
                        other = ks.v[1];
                    if (!clang_Cursor_isNull(other) &&
                        find_guard(st, other, target, call, zero_on_true, depth + 1) &&
                        !*zero_on_true)
                        found = true;
                }
            } else if (strcmp(op, "=") == 0) {
                found = find_guard(st, ks.v[1], target, call, zero_on_true, depth + 1);
            }
        }
        kids_free(&ks);
        return found;
    }
    default:
        return false;
    }
}

static void add_alias(struct lower *st, unsigned from, unsigned from_k, unsigned to, unsigned to_k)
{
    struct alias *a = CT_PUSH(st->aliases, st->naliases, st->capaliases);
    if (!a) {
        st->oom = true;
        return;
    }
    a->from = from;
    a->from_k = from_k;
    a->to = to;
    a->to_k = to_k;
}

/* Resolves the aliases, later ones first: an outer condition's alias is made after those of its
 * operands, and theirs point at its operands' branches. */
static void resolve_aliases(struct lower *st)
{
    for (size_t i = st->naliases; i-- > 0;) {
        const struct alias *a = &st->aliases[i];
        if (a->to < st->ninsns && st->insns[a->to].targets && a->to_k < st->insns[a->to].ntargets)
            set_target(st, a->from, a->from_k, st->insns[a->to].targets[a->to_k]);
    }
}

/* Whether C names storage without computing anything: a variable, or fields of one, through
 * pointers or not (`lockvar`, `base->th_base_lock`, `s.lock`). */
static bool plain_lvalue(CXCursor c, int depth)
{
    c = strip(c);
    if (depth > CT_PATH_MAX_OPS)
        return false;
    switch (clang_getCursorKind(c)) {
    case CXCursor_DeclRefExpr: {
        enum CXCursorKind d = clang_getCursorKind(clang_getCursorReferenced(c));
        return d == CXCursor_VarDecl || d == CXCursor_ParmDecl;
    }
    case CXCursor_MemberRefExpr: {
        struct kids ks;
        kids_get(c, &ks);
        bool ok = ks.n == 1 && plain_lvalue(ks.v[0], depth + 1);
        kids_free(&ks);
        return ok;
    }
    default:
        return false;
    }
}

/* Whether C is a pointer stored in a variable or its fields (`lock`, `base->th_base_lock`). */
static bool is_pointer_lvalue(CXCursor c)
{
    return clang_getCanonicalType(clang_getCursorType(c)).kind == CXType_Pointer &&
           plain_lvalue(c, 0);
}

/* Whether C names a parameter of integer, bool or enum type (a `have_lock` flag a caller
 * passes): a test of it against zero is recorded like a null test, so that a call passing a
 * constant can be told apart (analysis: specialised summaries). */
static bool is_int_param(CXCursor c)
{
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
        return false;
    CXCursor d = clang_getCursorReferenced(c);
    if (clang_getCursorKind(d) != CXCursor_ParmDecl)
        return false;
    CXType t = clang_getCursorType(d);
    if (clang_isVolatileQualifiedType(t))
        return false;
    t = clang_getCanonicalType(t);
    return (t.kind >= CXType_Bool && t.kind <= CXType_Int128) || t.kind == CXType_Enum;
}

static bool is_zero_testable(CXCursor c)
{
    return is_pointer_lvalue(c) || is_int_param(c);
}

/* Whether condition C tests a pointer against null (`p`, `!p`, `p != NULL`, `NULL == s->lock`),
 * or an integer parameter against zero: *PTR is the operand, *NULL_ON_TRUE whether C holds
 * when it is null (zero). */
static bool null_cond(struct lower *st, CXCursor c, CXCursor *ptr, bool *null_on_true)
{
    return zero_test(st, c, is_zero_testable, ptr, null_on_true, 0);
}

/* Marks branch BR as a test of a pointer against null when COND (negated when NEGATE) is one. */
static void null_branch(struct lower *st, unsigned br, CXCursor cond, bool negate)
{
    CXCursor ptr;
    bool null_on_true;
    if (!null_cond(st, cond, &ptr, &null_on_true))
        return;
    struct ct_path p = lval(st, ptr);
    if (p.base == CT_BASE_NONE || p.truncated)
        return;
    struct ct_path *q = ct_arena_alloc(st->facts->arena, sizeof(*q));
    if (!q) {
        st->oom = true;
        return;
    }
    *q = p;
    st->insns[br].null_test = q;
    st->insns[br].null_on_true = null_on_true != negate;
}

/* Lowers one operand of a condition and emits its branch. */
static unsigned lower_cond_leaf(struct lower *st, CXCursor cond, bool negate)
{
    CXCursor target = clang_getNullCursor();
    int call = -1;
    bool zero_on_true = false;
    bool guarded = find_guard(st, cond, &target, &call, &zero_on_true, 0);
    CXCursor saved_target = st->guard_target;
    bool saved_active = st->guard_active;
    int saved_found = st->guard_found;

    st->guard_active = guarded && call < 0;
    st->guard_target = target;
    st->guard_found = -1;
    (void)rval(st, cond);
    if (st->guard_active)
        call = st->guard_found;
    st->guard_target = saved_target;
    st->guard_active = saved_active;
    st->guard_found = saved_found;

    struct ct_insn *in = emit(st, CT_I_BRANCH, cond);
    if (!in)
        return 0;
    in->ntargets = 2;
    in->targets = arena_targets(st, 2);
    if (guarded && call >= 0) {
        in->guard_call = call;
        in->guard_zero_on_true = zero_on_true != negate;
    } else {
        flag_branch(st, here(st) - 1, cond, negate);
        null_branch(st, here(st) - 1, cond, negate);
    }
    return here(st) - 1;
}

/* Lowers condition COND (its negation when NEGATE) and returns the branch whose targets the caller
 * sets: 0 where the condition holds, 1 where it does not. A short-circuit condition (&&, ||, !, the
 * comma operator) becomes a branch per operand, each with its own guard, so that
 * if (running && pthread_mutex_trylock(&m)) holds the lock on no edge where the trylock failed. */
static unsigned lower_cond(struct lower *st, CXCursor cond, bool negate)
{
    CXCursor c = strip(cond);
    enum CXCursorKind k = clang_getCursorKind(c);
    unsigned r;
    struct kids ks;

    if (st->oom || ++st->depth > MAX_DEPTH) {
        st->depth--;
        return lower_cond_leaf(st, cond, negate);
    }
    if (k == CXCursor_UnaryOperator) {
        kids_get(c, &ks);
        if (ks.n == 1 && unary_op(st, c, ks.v[0]) == '!') {
            r = lower_cond(st, ks.v[0], !negate);
            kids_free(&ks);
            st->depth--;
            return r;
        }
        kids_free(&ks);
    } else if (k == CXCursor_BinaryOperator) {
        char op[16] = "";
        kids_get(c, &ks);
        if (ks.n == 2)
            binop_spelling(st, c, ks.v[0], ks.v[1], op, sizeof(op));
        bool is_and = strcmp(op, "&&") == 0, is_or = strcmp(op, "||") == 0;
        if (is_and || is_or) {
            /* a && b holds when both do; negated, it is !a || !b */
            bool all = is_and != negate;
            unsigned a = lower_cond(st, ks.v[0], negate);
            if (all) {
                set_target(st, a, 0, here(st));
                r = lower_cond(st, ks.v[1], negate);
                add_alias(st, a, 1, r, 1);
            } else {
                set_target(st, a, 1, here(st));
                r = lower_cond(st, ks.v[1], negate);
                add_alias(st, a, 0, r, 0);
            }
            kids_free(&ks);
            st->depth--;
            return r;
        }
        if (strcmp(op, ",") == 0) {
            (void)rval(st, ks.v[0]);
            r = lower_cond(st, ks.v[1], negate);
            kids_free(&ks);
            st->depth--;
            return r;
        }
        kids_free(&ks);
    }
    st->depth--;
    return lower_cond_leaf(st, cond, negate);
}

/* Lowers condition COND and emits its branches; returns the branch whose targets to patch
 * (0: COND holds, 1: it does not). */
static unsigned lower_cond_branch(struct lower *st, CXCursor cond)
{
    return lower_cond(st, cond, false);
}

/* --- statements -------------------------------------------------------------------------- */

static struct jump_ctx *push_ctx(struct lower *st, bool is_switch)
{
    struct jump_ctx *j = CT_PUSH(st->ctxs, st->nctxs, st->capctxs);
    if (!j) {
        st->oom = true;
        return NULL;
    }
    j->is_switch = is_switch;
    j->cont_target = ~0u;
    j->default_label = -1;
    j->ncleanups = st->ncleanups;
    j->live_mark = st->nlives;
    return j;
}

/* Pops the innermost context, patching its breaks to BREAK_TARGET and continues to CONT. */
static void pop_ctx(struct lower *st, unsigned break_target, unsigned cont)
{
    struct jump_ctx *j = &st->ctxs[st->nctxs - 1];
    for (unsigned i = 0; i < j->nbreaks; i++)
        set_target(st, j->breaks[i], 0, break_target);
    for (unsigned i = 0; i < j->nconts; i++)
        set_target(st, j->conts[i], 0, cont);
    free(j->breaks);
    free(j->conts);
    free(j->cases);
    st->nctxs--;
}

static struct jump_ctx *innermost(struct lower *st, bool want_loop)
{
    for (size_t i = st->nctxs; i-- > 0;)
        if (!want_loop || !st->ctxs[i].is_switch)
            return &st->ctxs[i];
    return NULL;
}

/* --- __attribute__((cleanup(f))): C's scope-bound destructor ------------------------------ */

static enum CXChildVisitResult visit_has_attr(CXCursor c, CXCursor parent, CXClientData data)
{
    bool *found = data;
    (void)parent;
    if (clang_isAttribute(clang_getCursorKind(c))) {
        *found = true;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

struct find_fn {
    const char *name; /* interned */
    CXCursor found;
    bool ok;
};

static enum CXChildVisitResult visit_find_fn(CXCursor c, CXCursor parent, CXClientData data)
{
    struct find_fn *ff = data;
    (void)parent;
    if (clang_getCursorKind(c) != CXCursor_FunctionDecl)
        return CXChildVisit_Continue;
    CXString sp = clang_getCursorSpelling(c);
    bool hit = clang_getCString(sp) && strcmp(clang_getCString(sp), ff->name) == 0;
    clang_disposeString(sp);
    if (hit) {
        ff->found = c;
        ff->ok = true;
        if (clang_isCursorDefinition(c))
            return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

/* The cleanup function of variable D (__attribute__((cleanup(f))), also when written through
 * a macro such as g_autoptr or systemd's _cleanup_): read from the declaration as clang prints
 * it, since libclang does not expose the attribute's argument. False when D has none. */
static bool cleanup_of(struct lower *st, CXCursor d, const char **usr, const char **name)
{
    bool has_attr = false;
    clang_visitChildren(d, visit_has_attr, &has_attr);
    if (!has_attr)
        return false;
    CXString pp = clang_getCursorPrettyPrinted(d, NULL);
    const char *text = clang_getCString(pp);
    const char *at = text ? strstr(text, "cleanup(") : NULL;
    char fname[256];
    size_t n = 0;
    if (at) {
        at += 8;
        while (*at == ' ')
            at++;
        while (n + 1 < sizeof(fname) && (isalnum((unsigned char)at[n]) || at[n] == '_')) {
            fname[n] = at[n];
            n++;
        }
    }
    fname[n] = '\0';
    clang_disposeString(pp);
    if (n == 0)
        return false;
    struct find_fn ff = {ct_intern(fname), clang_getNullCursor(), false};
    if (!ff.name) {
        st->oom = true;
        return false;
    }
    clang_visitChildren(clang_getTranslationUnitCursor(st->tu), visit_find_fn, &ff);
    if (!ff.ok)
        return false;
    decl_names(ff.found, usr, name);
    return true;
}

/* Calls the cleanups of the open cleanup variables from the innermost down to number DOWN_TO,
 * at AT (a scope's end, a return, a break): f(&var) for each. */
static void emit_cleanups(struct lower *st, size_t down_to, CXCursor at)
{
    for (size_t i = st->ncleanups; i-- > down_to && !st->oom;) {
        const struct cleanup_var *cv = &st->cleanups[i];
        struct ct_value *args = ct_arena_alloc(st->facts->arena, sizeof(*args));
        struct ct_call *call = args ? CT_PUSH(st->calls, st->ncalls, st->capcalls) : NULL;
        if (!call) {
            st->oom = true;
            return;
        }
        args[0] = value_unknown();
        args[0].kind = CT_VAL_ADDR;
        args[0].path = cv->var;
        args[0].text = cv->text;
        memset(call, 0, sizeof(*call));
        call->callee_usr = cv->usr;
        call->callee_name = cv->name;
        call->nargs = 1;
        call->args = args;
        call->result_used = false;
        call->implicit = true;
        call->result_to = no_path();
        call->loc = loc_of(clang_getRangeEnd(clang_getCursorExtent(at)));
        if (call->loc.col > 1)
            call->loc.col--; /* the closing brace or the statement's last token */
        struct ct_insn *in = emit(st, CT_I_CALL, at);
        if (in) {
            in->call = (int)st->ncalls - 1;
            in->loc = call->loc;
        }
    }
}

/* The parameters of the function ST lowers that are objects passed by value (a
 * std::unique_lock, an owner): destroyed when the function returns, in the task that runs it
 * (a thread's start function destroys the lock it was handed). */
static void add_param_lives(struct lower *st)
{
    const char *du, *dn;
    for (unsigned i = 0; i < st->nparams; i++) {
        CXCursor d = st->params[i];
        if (clang_Cursor_isNull(d) || clang_getCursorKind(d) != CXCursor_ParmDecl ||
            type_is_ref(clang_getCursorType(d)))
            continue;
        struct ct_path p = var_path(st, d);
        add_owner_live(st, &st->lives, &st->nlives, &st->caplives, p, clang_getCursorType(d));
        if (class_dtor(clang_getCursorType(d), &du, &dn))
            add_live(st, &st->lives, &st->nlives, &st->caplives, p, du, dn);
    }
}

static void lower_var_decl(struct lower *st, CXCursor d)
{
    CXCursor init = clang_Cursor_getVarDeclInitializer(d);
    struct ct_path p = var_path(st, d);
    const char *du, *dn;
    if (!clang_Cursor_isNull(init)) {
        if (st->cxx)
            lower_object_init(st, d, init, p);
        else
            store_init(st, init, p);
    }
    if (p.base == CT_BASE_LOCAL)
        flag_write(st, d, &p, NULL, init, false); /* no initialiser: not known */
    /* a local object: destroyed when its scope ends (an owner releases what it owns then) */
    if (st->cxx && p.base == CT_BASE_LOCAL && !type_is_ref(clang_getCursorType(d))) {
        add_owner_live(st, &st->lives, &st->nlives, &st->caplives, p, clang_getCursorType(d));
        if (class_dtor(clang_getCursorType(d), &du, &dn))
            add_live(st, &st->lives, &st->nlives, &st->caplives, p, du, dn);
    }
    if (clang_Cursor_hasVarDeclGlobalStorage(d) != 1 && cleanup_of(st, d, &du, &dn)) {
        struct cleanup_var *cv = CT_PUSH(st->cleanups, st->ncleanups, st->capcleanups);
        if (!cv) {
            st->oom = true;
            return;
        }
        cv->var = p;
        cv->usr = du;
        cv->name = dn;
        cv->text = intern_cx(clang_getCursorSpelling(d));
        cv->decl = d;
        cv->block = st->block;
    }
}

/* Where LOC is, as a file and an offset in it (macros: where they are expanded). */
static void file_offset(CXSourceLocation loc, CXFile *file, unsigned *offset)
{
    clang_getExpansionLocation(loc, file, NULL, NULL, offset);
}

/* Whether the statement at LABEL lies in the scope of cleanup variable CV: inside its block and
 * after its declaration. A goto to a label outside it leaves the scope and runs the cleanup. */
static bool label_in_scope(const struct cleanup_var *cv, CXCursor label)
{
    CXFile lf, df, bf;
    unsigned lo, dof, bend;
    if (clang_Cursor_isNull(cv->block))
        return true;
    file_offset(clang_getCursorLocation(label), &lf, &lo);
    file_offset(clang_getRangeStart(clang_getCursorExtent(cv->decl)), &df, &dof);
    file_offset(clang_getRangeEnd(clang_getCursorExtent(cv->block)), &bf, &bend);
    if (!lf || !clang_File_isEqual(lf, df) || !clang_File_isEqual(lf, bf))
        return true; /* not comparable: assume it stays (no cleanup, as before) */
    return lo > dof && lo < bend;
}

/* The first NEEDLE in the LEN chars at HAY, or NULL. */
static const char *strstr_n(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

/* Scans a for header from just after its '(' in TEXT (LEN chars, no string tokens split): which of
 * its three parts are written. Returns false when the header does not close. */
static bool header_parts(const char *text, size_t len, bool has[3])
{
    int depth = 0;
    unsigned part = 0;
    char quote = 0;

    has[0] = has[1] = has[2] = false;
    for (size_t i = 0; i < len; i++) {
        char ch = text[i];
        if (quote) {
            if (ch == '\\')
                i++;
            else if (ch == quote)
                quote = 0;
            continue;
        }
        if (ch == '/' && i + 1 < len && (text[i + 1] == '/' || text[i + 1] == '*')) {
            const char *end = text[i + 1] == '/' ? memchr(text + i, '\n', len - i)
                                                 : strstr_n(text + i + 2, len - i - 2, "*/");
            if (!end)
                return false;
            i = (size_t)(end - text) + (text[i + 1] == '/' ? 0 : 1);
            continue;
        }
        if (ch == '\\')
            continue; /* a line continuation in a #define */
        if (ch == '"' || ch == '\'') {
            quote = ch;
            has[part] = true;
        } else if (ch == '(' || ch == '[' || ch == '{') {
            depth++;
            has[part] = true;
        } else if (ch == ')' || ch == ']' || ch == '}') {
            if (depth == 0)
                return ch == ')' && part == 2;
            depth--;
        } else if (ch == ';' && depth == 0) {
            if (++part > 2)
                return false;
        } else if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
            has[part] = true;
        }
    }
    return false;
}

/* Which of for statement C's init, condition and increment are written. Read from the text
 * after the `for` keyword where it is spelled: in the file, or in the #define of the macro that
 * wrote the loop (libclang gives a token its spelling position, while the statement's children
 * all sit at the macro's invocation). Returns false when that text cannot be read. */
static bool for_parts(struct lower *st, CXCursor c, bool has[3])
{
    CXToken *tok = clang_getToken(st->tu, clang_getRangeStart(clang_getCursorExtent(c)));
    CXFile file = NULL;
    unsigned off = 0;
    size_t size = 0;
    bool ok = false;

    if (!tok)
        return false;
    CXString spelling = clang_getTokenSpelling(st->tu, *tok);
    bool is_for = clang_getCString(spelling) && strcmp(clang_getCString(spelling), "for") == 0;
    clang_disposeString(spelling);
    if (is_for)
        clang_getFileLocation(clang_getTokenLocation(st->tu, *tok), &file, NULL, NULL, &off);
    clang_disposeTokens(st->tu, tok, 1);
    const char *text = file ? clang_getFileContents(st->tu, file, &size) : NULL;
    if (!text || off + 3 > size)
        return false;
    size_t i = off + 3, end = size - i > 4096 ? i + 4096 : size;
    while (i < end && (text[i] == ' ' || text[i] == '\t' || text[i] == '\\' || text[i] == '\n' ||
                       text[i] == '\r'))
        i++;
    if (i < end && text[i] == '(')
        ok = header_parts(text + i + 1, end - i - 1, has);
    return ok;
}

static void lower_for(struct lower *st, CXCursor c, struct kids *ks)
{
    CXCursor body = ks->v[ks->n - 1];
    CXCursor init = clang_getNullCursor(), cond = clang_getNullCursor(),
             inc = clang_getNullCursor(), cond_var = clang_getNullCursor();
    bool has[3] = {true, true, true};
    unsigned nheader = ks->n - 1;

    /* libclang lists the parts that are present, in order (init, condition variable, condition,
     * increment), so only which are present needs finding out. */
    if (nheader == 0) {
        has[0] = has[1] = has[2] = false;
    } else if (nheader < 3 && !for_parts(st, c, has)) {
        /* Not readable (a header pasted from pieces): a declaration is the init, and the
         * condition comes before the increment; a loop then keeps its way out. */
        bool decl = clang_getCursorKind(ks->v[0]) == CXCursor_DeclStmt;
        has[0] = decl;
        has[1] = true;
        has[2] = nheader == 2 && !decl;
    }
    unsigned part = 0;
    for (unsigned i = 0; i < nheader; i++) {
        if (clang_getCursorKind(ks->v[i]) == CXCursor_VarDecl) {
            cond_var = ks->v[i]; /* C++: for (; T x = e; ) */
            part = 1;
            continue;
        }
        while (part < 3 && !has[part])
            part++;
        if (part == 0)
            init = ks->v[i];
        else if (part == 1)
            cond = ks->v[i];
        else if (part == 2)
            inc = ks->v[i];
        else
            lower_stmt(st, ks->v[i]); /* more children than parts: evaluate them in order */
        part++;
    }
    if (!clang_Cursor_isNull(init))
        lower_stmt(st, init);
    unsigned head = here(st);
    unsigned br = ~0u;
    if (!clang_Cursor_isNull(cond_var))
        lower_var_decl(st, cond_var);
    if (!clang_Cursor_isNull(cond))
        br = lower_cond_branch(st, cond);
    unsigned body_start = here(st);
    if (!push_ctx(st, false))
        return;
    lower_stmt(st, body);
    unsigned cont = here(st);
    if (!clang_Cursor_isNull(inc))
        (void)rval(st, inc);
    emit_jump(st, c, head);
    unsigned exit = here(st);
    if (br != ~0u) {
        set_target(st, br, 0, body_start);
        set_target(st, br, 1, exit);
    }
    pop_ctx(st, exit, cont);
}

/* for (T x : range) body: the range is evaluated once, then every turn binds x to an element
 * and runs the body (break and continue are the loop's own). A callable element read out of a
 * library container holds what was stored into the container (for (auto &job : jobs_) job()). */
static void lower_range_for(struct lower *st, CXCursor c, struct kids *ks)
{
    CXCursor body = ks->v[ks->n - 1], var = clang_getNullCursor(), range = clang_getNullCursor();
    unsigned last_expr = ks->n;
    for (unsigned i = 0; i + 1 < ks->n; i++)
        if (is_expr_kind(clang_getCursorKind(ks->v[i])))
            last_expr = i;
    for (unsigned i = 0; i + 1 < ks->n; i++) {
        if (i == last_expr)
            range = ks->v[i];
        else if (clang_getCursorKind(ks->v[i]) == CXCursor_VarDecl && clang_Cursor_isNull(var))
            var = ks->v[i];
        else
            lower_stmt(st, ks->v[i]); /* C++20's init-statement */
    }
    struct ct_value rv = clang_Cursor_isNull(range) ? value_unknown() : rval(st, range);
    unsigned head = here(st);
    struct ct_insn *br = emit(st, CT_I_BRANCH, c);
    if (!br)
        return;
    br->ntargets = 2;
    br->targets = arena_targets(st, 2);
    unsigned bri = here(st) - 1, body_start = here(st);
    size_t mark = st->nlives;
    if (!push_ctx(st, false))
        return;
    if (!clang_Cursor_isNull(var)) {
        lower_var_decl(st, var);
        CXType vt = clang_getCursorType(var);
        if ((rv.kind == CT_VAL_LOAD || rv.kind == CT_VAL_ADDR) && library_callable(vt)) {
            struct ct_insn *in = emit(st, CT_I_STORE, var);
            if (in) {
                in->dst = var_path(st, var);
                in->src = rv;
                in->src.kind = type_is_ref(vt) ? CT_VAL_ADDR : CT_VAL_LOAD;
                in->src.text = NULL;
            }
        }
    }
    lower_stmt(st, body);
    if (st->nlives > mark) {
        destroy_to(st, mark, end_loc(body)); /* a loop variable of class type, every turn */
        st->nlives = mark;
    }
    unsigned cont = here(st);
    emit_jump(st, c, head);
    unsigned exit = here(st);
    set_target(st, bri, 0, body_start);
    set_target(st, bri, 1, exit);
    pop_ctx(st, exit, cont);
}

static void lower_stmt(struct lower *st, CXCursor c)
{
    struct kids ks;
    enum CXCursorKind k = clang_getCursorKind(c);

    if (st->oom || ++st->depth > MAX_DEPTH) {
        st->depth--;
        return;
    }
    kids_get(c, &ks);
    switch (k) {
    case CXCursor_CompoundStmt: {
        size_t open = st->ncleanups, mark = st->nlives;
        CXCursor outer = st->block;
        st->block = c;
        for (unsigned i = 0; i < ks.n; i++)
            lower_stmt(st, ks.v[i]);
        st->block = outer;
        if (st->nlives > mark) {
            destroy_to(st, mark, end_loc(c));
            st->nlives = mark;
        }
        emit_cleanups(st, open, c); /* falling off the block's end */
        st->ncleanups = open;
        break;
    }
    case CXCursor_DeclStmt:
        for (unsigned i = 0; i < ks.n; i++)
            if (clang_getCursorKind(ks.v[i]) == CXCursor_VarDecl)
                lower_var_decl(st, ks.v[i]);
        break;
    case CXCursor_IfStmt: {
        if (ks.n < 2)
            break;
        unsigned first = ks.n >= 3 && !is_expr_kind(clang_getCursorKind(ks.v[0])) &&
                                 clang_getCursorKind(ks.v[0]) != CXCursor_UnexposedExpr &&
                                 ks.n == 4
                             ? 1
                             : 0;
        if (first)
            lower_stmt(st, ks.v[0]);
        unsigned br = lower_cond_branch(st, ks.v[first]);
        set_target(st, br, 0, here(st));
        lower_stmt(st, ks.v[first + 1]);
        if (ks.n > first + 2) {
            unsigned j = emit_jump(st, c, ~0u);
            set_target(st, br, 1, here(st));
            lower_stmt(st, ks.v[first + 2]);
            set_target(st, j, 0, here(st));
        } else {
            set_target(st, br, 1, here(st));
        }
        break;
    }
    case CXCursor_WhileStmt: {
        if (ks.n < 2)
            break;
        unsigned head = here(st);
        unsigned br = lower_cond_branch(st, ks.v[ks.n - 2]);
        set_target(st, br, 0, here(st));
        if (!push_ctx(st, false))
            break;
        lower_stmt(st, ks.v[ks.n - 1]);
        emit_jump(st, c, head);
        set_target(st, br, 1, here(st));
        pop_ctx(st, here(st), head);
        break;
    }
    case CXCursor_DoStmt: {
        if (ks.n < 2)
            break;
        unsigned body = here(st);
        if (!push_ctx(st, false))
            break;
        lower_stmt(st, ks.v[0]);
        unsigned cont = here(st);
        unsigned br = lower_cond_branch(st, ks.v[1]);
        set_target(st, br, 0, body);
        set_target(st, br, 1, here(st));
        pop_ctx(st, here(st), cont);
        break;
    }
    case CXCursor_ForStmt:
        if (ks.n >= 1)
            lower_for(st, c, &ks);
        break;
    case CXCursor_CXXForRangeStmt:
        if (ks.n >= 2)
            lower_range_for(st, c, &ks);
        break;
    case CXCursor_SwitchStmt: {
        if (ks.n < 2)
            break;
        (void)rval(st, ks.v[ks.n - 2]);
        struct ct_insn *sw = emit(st, CT_I_SWITCH, c);
        if (!sw)
            break;
        unsigned swi = here(st) - 1;
        if (!push_ctx(st, true))
            break;
        lower_stmt(st, ks.v[ks.n - 1]);
        unsigned end = here(st);
        struct jump_ctx *j = &st->ctxs[st->nctxs - 1];
        unsigned n = j->ncases + 1;
        unsigned *t = arena_targets(st, n);
        if (t) {
            for (unsigned i = 0; i < j->ncases; i++)
                t[i] = j->cases[i];
            t[j->ncases] = j->default_label >= 0 ? (unsigned)j->default_label : end;
            st->insns[swi].targets = t;
            st->insns[swi].ntargets = n;
        }
        pop_ctx(st, end, end);
        break;
    }
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt: {
        struct jump_ctx *j = NULL;
        for (size_t i = st->nctxs; i-- > 0;)
            if (st->ctxs[i].is_switch) {
                j = &st->ctxs[i];
                break;
            }
        if (j) {
            if (k == CXCursor_DefaultStmt)
                j->default_label = (int)here(st);
            else
                push_u(st, &j->cases, &j->ncases, &j->capcases, here(st));
        }
        if (ks.n > 0)
            lower_stmt(st, ks.v[ks.n - 1]);
        break;
    }
    case CXCursor_BreakStmt: {
        struct jump_ctx *j = innermost(st, false);
        if (j) {
            destroy_to(st, j->live_mark, loc_of(clang_getCursorLocation(c)));
            emit_cleanups(st, j->ncleanups, c);
        }
        unsigned at = emit_jump(st, c, ~0u);
        if (j)
            push_u(st, &j->breaks, &j->nbreaks, &j->capbreaks, at);
        break;
    }
    case CXCursor_ContinueStmt: {
        struct jump_ctx *j = innermost(st, true);
        if (j) {
            destroy_to(st, j->live_mark, loc_of(clang_getCursorLocation(c)));
            emit_cleanups(st, j->ncleanups, c);
        }
        unsigned at = emit_jump(st, c, ~0u);
        if (j)
            push_u(st, &j->conts, &j->nconts, &j->capconts, at);
        break;
    }
    case CXCursor_ReturnStmt: {
        struct ct_value v = value_unknown();
        for (unsigned i = 0; i < ks.n; i++)
            v = rval(st, ks.v[i]);
        flush_temps(st, loc_of(clang_getCursorLocation(c)));
        destroy_to(st, 0, loc_of(clang_getCursorLocation(c)));
        emit_cleanups(st, 0, c); /* every open cleanup variable's scope ends here */
        struct ct_insn *r = emit(st, CT_I_RETURN, c);
        if (r)
            r->src = v; /* what the function returns, as far as pointers go */
        break;
    }
    case CXCursor_GotoStmt: {
        CXCursor label = clang_getCursorReferenced(c);
        if (!clang_Cursor_isNull(label)) {
            /* the cleanup variables whose scope the jump leaves, innermost first: those open
             * here form a stack, and the ones still in scope at the label are its bottom */
            size_t keep = 0;
            while (keep < st->ncleanups && label_in_scope(&st->cleanups[keep], label))
                keep++;
            emit_cleanups(st, keep, c);
        }
        unsigned at = emit_jump(st, c, ~0u);
        struct patch *p = CT_PUSH(st->patches, st->npatches, st->cappatches);
        if (!p) {
            st->oom = true;
            break;
        }
        p->insn = at;
        p->label = intern_cx(clang_getCursorSpelling(label));
        break;
    }
    case CXCursor_LabelStmt: {
        struct label *l = CT_PUSH(st->labels, st->nlabels, st->caplabels);
        if (!l) {
            st->oom = true;
            break;
        }
        l->name = intern_cx(clang_getCursorSpelling(c));
        l->insn = here(st);
        for (unsigned i = 0; i < ks.n; i++)
            lower_stmt(st, ks.v[i]);
        break;
    }
    case CXCursor_NullStmt:
    case CXCursor_GCCAsmStmt:
    case CXCursor_MSAsmStmt:
    case CXCursor_IndirectGotoStmt:
        break;
    default:
        if (st->cxx && clang_getCursorKind(strip(c)) == CXCursor_CXXThrowExpr) {
            /* throw: every object alive is destroyed as the exception leaves */
            struct kids tk;
            kids_get(strip(c), &tk);
            for (unsigned i = 0; i < tk.n; i++)
                if (is_expr_kind(clang_getCursorKind(tk.v[i])))
                    (void)rval(st, tk.v[i]);
            kids_free(&tk);
            flush_temps(st, loc_of(clang_getCursorLocation(c)));
            destroy_to(st, 0, loc_of(clang_getCursorLocation(c)));
            emit(st, CT_I_RETURN, c);
        } else if (st->cxx && k == CXCursor_UnexposedStmt && coroutine_keyword(st, c) &&
                   strcmp(coroutine_keyword(st, c), "co_return") == 0) {
            for (unsigned i = 0; i < ks.n; i++) {
                if (is_expr_kind(clang_getCursorKind(ks.v[i])))
                    (void)rval(st, ks.v[i]);
            }
            flush_temps(st, loc_of(clang_getCursorLocation(c)));
            destroy_to(st, 0, loc_of(clang_getCursorLocation(c)));
            emit(st, CT_I_RETURN, c);
        } else if (is_expr_kind(k)) {
            size_t before = st->ncalls;
            (void)rval(st, c);
            CXCursor s = strip(c);
            /* A call standing alone as a statement: its result is discarded. */
            if (clang_getCursorKind(s) == CXCursor_CallExpr && st->ncalls > before &&
                !(clang_getCursorKind(c) == CXCursor_CStyleCastExpr && false))
                st->calls[st->ncalls - 1].result_used = false;
        } else {
            for (unsigned i = 0; i < ks.n; i++)
                lower_stmt(st, ks.v[i]);
        }
        break;
    }
    kids_free(&ks);
    if (st->ntemps)
        flush_temps(st, end_loc(c));
    st->depth--;
}

/* --- functions and the translation unit -------------------------------------------------- */

struct tu_walk {
    CXTranslationUnit tu;
    struct ct_tu_facts *facts;
    struct ct_function *fns;
    size_t nfns, capfns;
    struct ct_insn *inits;
    size_t ninits, capinits;
    bool cxx;                      /* a C++ translation unit */
    struct closure_queue closures; /* lambdas met, lowered after their function */
    size_t closures_done;
    bool oom;
    int depth;
};

static enum CXChildVisitResult visit_annotations(CXCursor c, CXCursor parent, CXClientData data)
{
    struct kids *k = data;
    enum CXCursorKind kind = clang_getCursorKind(c);
    if (kind == CXCursor_AnnotateAttr || kind == CXCursor_UnexposedAttr)
        return visit_collect(c, parent, k);
    return CXChildVisit_Continue;
}

/* Clang's thread-safety attributes, read as crosstask annotations on the capability scope:
 * what each attribute does (enter, exit, or enter when the result is the value its first
 * argument names). */
static const struct tsa_attr {
    const char *name;
    int what; /* 0 enter, 1 exit, 2 try-enter */
} tsa_attrs[] = {
    {"acquire_capability", 0},        {"acquire_shared_capability", 0},
    {"exclusive_lock_function", 0},   {"shared_lock_function", 0},
    {"release_capability", 1},        {"release_shared_capability", 1},
    {"release_generic_capability", 1}, {"unlock_function", 1},
    {"try_acquire_capability", 2},    {"try_acquire_shared_capability", 2},
    {"exclusive_trylock_function", 2}, {"shared_trylock_function", 2},
};

/* The parameter of FN named by the capability expression ARG (s, s->mu, &s->mu): its index,
 * or -1. ARG is N bytes. */
static int tsa_param(CXCursor fn, const char *arg, size_t n)
{
    int nparams = clang_Cursor_getNumArguments(fn);
    while (n && (*arg == ' ' || *arg == '&' || *arg == '*' || *arg == '(')) {
        arg++;
        n--;
    }
    size_t id = 0;
    while (id < n && (isalnum((unsigned char)arg[id]) || arg[id] == '_'))
        id++;
    if (id == 0)
        return -1;
    for (int i = 0; i < nparams; i++) {
        CXString sp = clang_getCursorSpelling(clang_Cursor_getArgument(fn, (unsigned)i));
        const char *name = clang_getCString(sp);
        bool hit = name && strlen(name) == id && strncmp(name, arg, id) == 0;
        clang_disposeString(sp);
        if (hit)
            return (int)i;
    }
    return -1;
}

/* The parameters of FN named in its declaration after the parameter list (in the attributes, as
 * ACQUIRE(journal_mu) is written: clang prints some attribute arguments as addresses), in the
 * order they appear there, up to MAX: their indices into OUT. Returns how many. */
static unsigned tsa_named_params(CXTranslationUnit tu, CXCursor fn, int *out, unsigned max)
{
    CXToken *toks = NULL;
    unsigned n = 0, found = 0;
    int nparams = clang_Cursor_getNumArguments(fn);
    if (nparams <= 0)
        return 0;
    CXSourceLocation last = clang_getRangeEnd(
        clang_getCursorExtent(clang_Cursor_getArgument(fn, (unsigned)nparams - 1)));
    unsigned after;
    clang_getFileLocation(last, NULL, NULL, NULL, &after);
    clang_tokenize(tu, clang_getCursorExtent(fn), &toks, &n);
    for (unsigned i = 0; i < n && found < max; i++) {
        unsigned off;
        if (clang_getTokenKind(toks[i]) != CXToken_Identifier)
            continue;
        clang_getFileLocation(clang_getTokenLocation(tu, toks[i]), NULL, NULL, NULL, &off);
        if (off < after)
            continue;
        CXString sp = clang_getTokenSpelling(tu, toks[i]);
        const char *name = clang_getCString(sp);
        int k = name ? tsa_param(fn, name, strlen(name)) : -1;
        clang_disposeString(sp);
        if (k >= 0)
            out[found++] = k;
    }
    if (toks)
        clang_disposeTokens(tu, toks, n);
    return found;
}

/* Adds to TEXTS (up to MAX) the annotations FN's thread-safety attributes stand for:
 * crosstask::enter:capability[:argN][:when-nonzero|:when-zero] and crosstask::exit:....
 * libclang does not expose these attributes, so they are read from the declaration as clang
 * prints it (bodies left out). Returns how many were added. */
static unsigned tsa_annotations(CXTranslationUnit tu, CXCursor fn, const char **texts,
                                unsigned max)
{
    CXPrintingPolicy pol = clang_getCursorPrintingPolicy(fn);
    unsigned n = 0;
    enum CXCursorKind fk = clang_getCursorKind(fn);
    /* a method's object is argument 0: its declared parameters count from 1 */
    int shift = ((fk == CXCursor_CXXMethod && !clang_CXXMethod_isStatic(fn)) ||
                 fk == CXCursor_Destructor || fk == CXCursor_ConversionFunction) ? 1 : 0;
    /* a constructor that acquires is a scoped capability's (SCOPED_CAPABILITY, leveldb's
     * MutexLock): the object being built holds what it acquires until its destructor, or a
     * release method, releases it, so the guard object is the resource, as for std::lock_guard */
    bool scoped = fk == CXCursor_Constructor;
    int named[8];
    unsigned nnamed = 0, next_named = 0;
    bool looked = false;
    clang_PrintingPolicy_setProperty(pol, CXPrintingPolicy_TerseOutput, 1);
    CXString pp = clang_getCursorPrettyPrinted(fn, pol);
    const char *text = clang_getCString(pp);
    for (size_t a = 0; text && a < sizeof(tsa_attrs) / sizeof(tsa_attrs[0]); a++) {
        size_t len = strlen(tsa_attrs[a].name);
        for (const char *at = strstr(text, tsa_attrs[a].name); at && n < max;
             at = strstr(at + len, tsa_attrs[a].name)) {
            if ((at > text && (isalnum((unsigned char)at[-1]) || at[-1] == '_')) ||
                (isalnum((unsigned char)at[len]) || at[len] == '_'))
                continue; /* part of a longer name: try_acquire_capability holds acquire_... */
            const char *args = at + len;
            const char *end = args;
            if (*args == '(') {
                int depth = 0;
                for (end = args; *end; end++) {
                    if (*end == '(')
                        depth++;
                    else if (*end == ')' && --depth == 0)
                        break;
                }
                if (!*end)
                    break;
                args++;
            }
            /* the capabilities: after the success value for a try-enter */
            const char *when = "";
            int narg = 0, params[8], nparams = 0;
            for (const char *p = args; p < end && *args != ')' && args != end;) {
                const char *q = p;
                int depth = 0;
                while (q < end && (depth > 0 || *q != ',')) {
                    depth += *q == '(' ? 1 : *q == ')' ? -1 : 0;
                    q++;
                }
                if (tsa_attrs[a].what == 2 && narg == 0) {
                    while (p < q && *p == ' ')
                        p++;
                    when = (strncmp(p, "false", 5) == 0 || *p == '0') ? ":when-zero"
                                                                      : ":when-nonzero";
                } else if (nparams < 8) {
                    /* a capability clang prints as a name of a parameter; else (a global, an
                     * expression, or an argument clang prints as an address) the first
                     * parameter's object, what a lock wrapper takes */
                    int k = tsa_param(fn, p, (size_t)(q - p));
                    while (p < q && *p == ' ')
                        p++;
                    if (k < 0 && strncmp(p, "0x", 2) == 0) {
                        /* a parameter clang printed as its address: the names as written */
                        if (!looked)
                            nnamed = tsa_named_params(tu, fn, named, 8);
                        looked = true;
                        if (next_named < nnamed)
                            k = named[next_named++];
                    }
                    params[nparams++] = scoped ? 0 : k >= 0 ? k + shift : 0;
                }
                narg++;
                p = q < end ? q + 1 : q;
            }
            if (tsa_attrs[a].what == 2 && narg == 0)
                when = ":when-nonzero";
            if (narg == (tsa_attrs[a].what == 2 ? 1 : 0) || args == end)
                params[nparams++] = 0; /* no capability named: the first parameter's object */
            for (int i = 0; i < nparams && n < max; i++) {
                char buf[96];
                snprintf(buf, sizeof(buf), "crosstask::%s:capability:arg%d%s",
                         tsa_attrs[a].what == 1 ? "exit" : "enter", params[i], when);
                texts[n++] = ct_intern(buf);
            }
        }
    }
    clang_disposeString(pp);
    clang_PrintingPolicy_dispose(pol);
    return n;
}

/* The body of FN: its compound statement (inside a coroutine's body too), or a null cursor. */
static CXCursor body_of(CXCursor fn)
{
    struct kids ks;
    CXCursor body = clang_getNullCursor();
    kids_get(fn, &ks);
    for (unsigned i = 0; i < ks.n; i++) {
        enum CXCursorKind k = clang_getCursorKind(ks.v[i]);
        if (k == CXCursor_CompoundStmt) {
            body = ks.v[i];
        } else if (k == CXCursor_UnexposedStmt) {
            /* a coroutine: its body, then the promise's machinery */
            struct kids cs;
            kids_get(ks.v[i], &cs);
            if (cs.n > 0 && clang_getCursorKind(cs.v[0]) == CXCursor_CompoundStmt)
                body = cs.v[0];
            kids_free(&cs);
        }
    }
    kids_free(&ks);
    return body;
}

/* Ends the body being lowered into ST for function number FI of W: the final return, gotos
 * patched, instructions and calls copied into the arena; frees ST's buffers. */
static int finish_body(struct tu_walk *w, struct lower *st, size_t fi, CXCursor at)
{
    struct ct_function *f;
    emit(st, CT_I_RETURN, at);
    /* Patch gotos. */
    for (size_t i = 0; i < st->npatches; i++) {
        unsigned target = (unsigned)st->ninsns - 1;
        for (size_t l = 0; l < st->nlabels; l++)
            if (st->labels[l].name == st->patches[i].label)
                target = st->labels[l].insn;
        set_target(st, st->patches[i].insn, 0, target);
    }
    resolve_aliases(st);
    /* Anything left unpatched (a break outside a loop) goes to the end. */
    for (size_t i = 0; i < st->ninsns; i++)
        for (unsigned t = 0; st->insns[i].targets && t < st->insns[i].ntargets; t++)
            if (st->insns[i].targets[t] >= st->ninsns)
                st->insns[i].targets[t] = (unsigned)st->ninsns - 1;
    fold_flag_branches(st);
    /* Copy into the arena. */
    f = &w->fns[fi];
    f->ninsns = (unsigned)st->ninsns;
    f->insns = ct_arena_alloc(w->facts->arena, (st->ninsns ? st->ninsns : 1) * sizeof(*f->insns));
    f->ncalls = (unsigned)st->ncalls;
    f->calls = ct_arena_alloc(w->facts->arena, (st->ncalls ? st->ncalls : 1) * sizeof(*f->calls));
    if (!f->insns || !f->calls) {
        st->oom = true;
    } else {
        if (st->ninsns)
            memcpy(f->insns, st->insns, st->ninsns * sizeof(*f->insns));
        if (st->ncalls)
            memcpy(f->calls, st->calls, st->ncalls * sizeof(*f->calls));
    }
    return 0;
}

static void lower_free(struct lower *st)
{
    while (st->nctxs > 0)
        pop_ctx(st, 0, 0);
    free(st->params);
    free(st->insns);
    free(st->calls);
    free(st->labels);
    free(st->patches);
    free(st->ctxs);
    free(st->results);
    free(st->lives);
    free(st->temps);
    free(st->moved);
    free(st->cleanups);
    free(st->aliases);
    free(st->fwrites);
    free(st->ftests);
}

/* Member initialisers of constructor FN (: mu_(m), lk_(m)): each member built in place. */
static void lower_member_inits(struct lower *st, CXCursor fn)
{
    struct kids ks;
    kids_get(fn, &ks);
    for (unsigned i = 0; i + 1 < ks.n; i++) {
        if (clang_getCursorKind(ks.v[i]) != CXCursor_MemberRef ||
            !is_expr_kind(clang_getCursorKind(ks.v[i + 1])))
            continue;
        CXCursor field = clang_getCursorReferenced(ks.v[i]);
        if (clang_getCursorKind(field) != CXCursor_FieldDecl)
            continue;
        struct ct_path p = push_deref(this_path(st));
        ct_path_push(&p, field_op(field));
        lower_object_init(st, field, ks.v[i + 1], p);
        i++;
    }
    kids_free(&ks);
}

struct field_dtors {
    struct lower *st;
    struct live v[64];
    unsigned n;
};

static enum CXVisitorResult visit_field_dtor(CXCursor c, CXClientData data)
{
    struct field_dtors *fd = data;
    const char *du, *dn, *ow;
    if (fd->n < 64 && !type_is_ref(clang_getCursorType(c)) &&
        owner_dtor(clang_getCursorType(c), &du, &dn, &ow)) {
        /* an owner member releases what it owns */
        struct ct_path p = push_deref(this_path(fd->st));
        ct_path_push(&p, field_op(c));
        fd->v[fd->n].obj = p;
        fd->v[fd->n].usr = du;
        fd->v[fd->n].name = dn;
        fd->v[fd->n].owner = ow;
        fd->n++;
    }
    if (fd->n < 64 && !type_is_ref(clang_getCursorType(c)) &&
        class_dtor(clang_getCursorType(c), &du, &dn)) {
        struct ct_path p = push_deref(this_path(fd->st));
        ct_path_push(&p, field_op(c));
        fd->v[fd->n].obj = p;
        fd->v[fd->n].usr = du;
        fd->v[fd->n].name = dn;
        fd->v[fd->n].owner = NULL;
        fd->n++;
    }
    return CXVisit_Continue;
}

/* The members of class type CLS are destroyed at LOC, last declared first. */
static void destroy_fields(struct lower *st, CXType cls, struct ct_loc loc)
{
    struct field_dtors fd;
    fd.st = st;
    fd.n = 0;
    clang_Type_visitFields(cls, visit_field_dtor, &fd);
    for (unsigned i = fd.n; i-- > 0;)
        emit_dtor(st, &fd.v[i], loc);
}

/* The end of destructor FN: its class's members are destroyed, last declared first. */
static void destroy_members(struct lower *st, CXCursor fn, struct ct_loc loc)
{
    destroy_fields(st, clang_getCursorType(clang_getCursorSemanticParent(fn)), loc);
}

static int lower_function(struct tu_walk *w, CXCursor fn)
{
    struct lower st;
    struct ct_function *f;
    struct kids ann;
    enum CXCursorKind fk = clang_getCursorKind(fn);
    int nparams = clang_Cursor_getNumArguments(fn);
    bool definition = clang_isCursorDefinition(fn) != 0;
    bool has_this = (fk == CXCursor_CXXMethod && !clang_CXXMethod_isStatic(fn)) ||
                    fk == CXCursor_Constructor || fk == CXCursor_Destructor ||
                    fk == CXCursor_ConversionFunction || template_has_this(fn);
    unsigned shift = has_this ? 1 : 0;
    struct kids tparams;

    /* a function template: its parameters are its ParmDecl children (a pack is one) */
    tparams.v = tparams.small;
    tparams.n = 0;
    tparams.cap = sizeof(tparams.small) / sizeof(tparams.small[0]);
    tparams.oom = false;
    if (fk == CXCursor_FunctionTemplate) {
        clang_visitChildren(fn, visit_template_params, &tparams);
        if (tparams.oom) {
            kids_free(&tparams);
            return CT_ENOMEM;
        }
        nparams = (int)tparams.n;
    }

    ann.v = ann.small;
    ann.n = 0;
    ann.cap = sizeof(ann.small) / sizeof(ann.small[0]);
    ann.oom = false;
    clang_visitChildren(fn, visit_annotations, &ann);
    /* annotate("crosstask::...") as written, and the thread-safety attributes clang keeps as
     * unexposed attributes (read outside system headers only: glibc's are never those) */
    const char *texts[16];
    unsigned nt = 0;
    bool unexposed = false;
    for (unsigned i = 0; i < ann.n; i++) {
        if (clang_getCursorKind(ann.v[i]) == CXCursor_UnexposedAttr)
            unexposed = true;
        else if (nt < 16)
            texts[nt++] = intern_cx(clang_getCursorSpelling(ann.v[i]));
    }
    kids_free(&ann);
    if (unexposed && !clang_Location_isInSystemHeader(clang_getCursorLocation(fn)))
        nt += tsa_annotations(w->tu, fn, texts + nt, 16 - nt);
    if (!definition && nt == 0) {
        kids_free(&tparams);
        return 0;
    }
    memset(&st, 0, sizeof(st));
    st.block = clang_getNullCursor();
    st.tu = w->tu;
    st.facts = w->facts;
    st.fn = fn;
    st.cxx = w->cxx || clang_getCursorLanguage(fn) == CXLanguage_CPlusPlus;
    st.has_this = has_this;
    st.closures = &w->closures;
    if (nparams < 0)
        nparams = 0;
    st.nparams = (unsigned)nparams + shift;
    st.params = st.nparams ? calloc(st.nparams, sizeof(CXCursor)) : NULL;
    if (st.nparams && !st.params) {
        kids_free(&tparams);
        return CT_ENOMEM;
    }
    if (has_this)
        st.params[0] = clang_getNullCursor();
    for (int i = 0; i < nparams; i++)
        st.params[i + shift] = fk == CXCursor_FunctionTemplate
                                   ? tparams.v[i]
                                   : clang_Cursor_getArgument(fn, (unsigned)i);
    kids_free(&tparams);

    f = CT_PUSH(w->fns, w->nfns, w->capfns);
    if (!f) {
        free(st.params);
        return CT_ENOMEM;
    }
    size_t fi = w->nfns - 1;
    f->usr = usr_of(fn);
    f->name = st.cxx ? qualified_name(fn) : intern_cx(clang_getCursorSpelling(fn));
    st.frame_usr = f->usr;
    f->linkage = clang_getCursorLinkage(fn) == CXLinkage_External ? CT_LINK_EXTERNAL
                                                                  : CT_LINK_INTERNAL;
    f->is_definition = definition;
    f->loc = loc_of(clang_getCursorLocation(fn));
    f->nparams = st.nparams;
    f->params = ct_arena_alloc(w->facts->arena, (st.nparams ? st.nparams : 1) * sizeof(*f->params));
    if (!f->params)
        st.oom = true;
    for (unsigned i = 0; f->params && i < st.nparams; i++) {
        if (has_this && i == 0) {
            f->params[i].name = ct_intern("this");
            continue;
        }
        f->params[i].name = intern_cx(clang_getCursorSpelling(st.params[i]));
        f->params[i].is_func_ptr = type_is_func_ptr(clang_getCursorType(st.params[i]));
    }
    if (nt) {
        f->annotations = nt ? ct_arena_alloc(w->facts->arena, nt * sizeof(*f->annotations)) : NULL;
        if (nt && !f->annotations)
            st.oom = true;
        for (unsigned i = 0; f->annotations && i < nt; i++)
            f->annotations[i].text = texts[i];
        f->nannotations = f->annotations ? nt : 0;
    }

    if (fk == CXCursor_CXXMethod || fk == CXCursor_Destructor) {
        /* a virtual method: calls of the methods it overrides may run it */
        CXCursor *ov = NULL;
        unsigned nov = 0;
        clang_getOverriddenCursors(fn, &ov, &nov);
        if (nov) {
            f = &w->fns[fi];
            f->overrides = ct_arena_alloc(w->facts->arena, nov * sizeof(*f->overrides));
            if (!f->overrides)
                st.oom = true;
            for (unsigned i = 0; f->overrides && i < nov; i++)
                f->overrides[i] = usr_of(ov[i]);
            f->noverrides = f->overrides ? nov : 0;
        }
        clang_disposeOverriddenCursors(ov);
    }
    if (definition) {
        CXCursor body = body_of(fn);
        if (st.cxx && find_captures(&w->closures, fn) != 0)
            st.oom = true;
        if (fk == CXCursor_Constructor)
            lower_member_inits(&st, fn);
        if (st.cxx && !clang_Cursor_isNull(body))
            add_param_lives(&st);
        if (!clang_Cursor_isNull(body)) {
            find_flags(&st, body);
            lower_stmt(&st, body);
        }
        if (fk == CXCursor_Destructor && !clang_Cursor_isNull(body))
            destroy_members(&st, fn, end_loc(body));
        if (st.nlives && !clang_Cursor_isNull(body))
            destroy_to(&st, 0, end_loc(body)); /* the parameters passed by value */
        finish_body(w, &st, fi, fn);
    }
    lower_free(&st);
    return st.oom ? CT_ENOMEM : 0;
}

/* Whether the explicit capture REF of LAMBDA is by reference ([&session]): the token before it
 * is '&'. */
static bool captured_by_ref(CXTranslationUnit tu, CXCursor lambda, CXCursor ref)
{
    CXToken *toks = NULL;
    unsigned n = 0, at;
    bool by_ref = false;
    CXSourceRange r = clang_getRange(clang_getRangeStart(clang_getCursorExtent(lambda)),
                                     clang_getCursorLocation(ref));
    clang_getFileLocation(clang_getCursorLocation(ref), NULL, NULL, NULL, &at);
    clang_tokenize(tu, r, &toks, &n);
    for (unsigned i = 1; i < n; i++) {
        unsigned off;
        clang_getFileLocation(clang_getTokenLocation(tu, toks[i]), NULL, NULL, NULL, &off);
        if (off < at)
            continue;
        CXString sp = clang_getTokenSpelling(tu, toks[i - 1]);
        by_ref = clang_getCString(sp) && strcmp(clang_getCString(sp), "&") == 0;
        clang_disposeString(sp);
        break;
    }
    if (toks)
        clang_disposeTokens(tu, toks, n);
    return by_ref;
}

/* The implicit destructor of class CLS (implicit_dtor_of), when it has one: a function that
 * destroys the members, last declared first. */
static int lower_implicit_dtor(struct tu_walk *w, CXCursor cls)
{
    struct lower st;
    struct ct_function *f;
    const char *usr, *name;
    CXCursor found[2] = {clang_getNullCursor(), clang_getNullCursor()};

    clang_visitChildren(cls, visit_find_dtor, found);
    if (!clang_Cursor_isNull(found[0]) || !implicit_dtor_of(cls, &usr, &name))
        return 0;
    memset(&st, 0, sizeof(st));
    st.tu = w->tu;
    st.facts = w->facts;
    st.fn = cls;
    st.cxx = true;
    st.has_this = true;
    st.closures = &w->closures;
    st.frame_usr = usr;
    st.nparams = 1;
    st.params = calloc(1, sizeof(CXCursor));
    if (!st.params)
        return CT_ENOMEM;
    st.params[0] = clang_getNullCursor();
    f = CT_PUSH(w->fns, w->nfns, w->capfns);
    if (!f) {
        lower_free(&st);
        return CT_ENOMEM;
    }
    size_t fi = w->nfns - 1;
    f->usr = usr;
    f->name = name;
    f->linkage = CT_LINK_EXTERNAL;
    f->is_definition = true;
    f->loc = loc_of(clang_getCursorLocation(cls));
    f->nparams = 1;
    f->params = ct_arena_alloc(w->facts->arena, sizeof(*f->params));
    if (!f->params)
        st.oom = true;
    else
        f->params[0].name = ct_intern("this");
    destroy_fields(&st, clang_getCursorType(cls), end_loc(cls));
    finish_body(w, &st, fi, cls);
    lower_free(&st);
    return st.oom ? CT_ENOMEM : 0;
}

/* Lowers closure Q (a lambda) as a function of its own sharing Q's frame: the frame's
 * parameters, then the lambda's own; its init-captures are destroyed when its body ends. */
static int lower_closure(struct tu_walk *w, const struct closure *q)
{
    struct lower st;
    struct ct_function *f;
    struct kids ks;
    CXCursor body = clang_getNullCursor();
    CXSourceRange ext = clang_getCursorExtent(q->lambda);
    unsigned nown = 0;

    memset(&st, 0, sizeof(st));
    st.block = clang_getNullCursor();
    st.tu = w->tu;
    st.facts = w->facts;
    st.fn = q->lambda;
    st.cxx = true;
    st.has_this = q->has_this;
    st.closures = &w->closures;
    st.frame_usr = q->frame_usr;
    kids_get(q->lambda, &ks);
    for (unsigned i = 0; i < ks.n; i++)
        if (clang_getCursorKind(ks.v[i]) == CXCursor_ParmDecl)
            nown++;
    body = body_of(q->lambda); /* a coroutine lambda's body is inside its coroutine statement */
    st.nparams = q->nparams + nown;
    st.params = st.nparams ? calloc(st.nparams, sizeof(CXCursor)) : NULL;
    if (st.nparams && !st.params) {
        kids_free(&ks);
        return CT_ENOMEM;
    }
    if (q->nparams)
        memcpy(st.params, q->params, q->nparams * sizeof(CXCursor));
    for (unsigned i = 0, k = q->nparams; i < ks.n; i++)
        if (clang_getCursorKind(ks.v[i]) == CXCursor_ParmDecl)
            st.params[k++] = ks.v[i];
    /* init-captures of class type die with the closure, at the end of its body */
    for (unsigned i = 0; i < ks.n; i++) {
        const char *du, *dn;
        if (clang_getCursorKind(ks.v[i]) != CXCursor_VariableRef)
            continue;
        CXCursor d = clang_getCursorReferenced(ks.v[i]);
        if (clang_getCursorKind(d) == CXCursor_VarDecl &&
            loc_inside(clang_getCursorLocation(d), ext) && !type_is_ref(clang_getCursorType(d))) {
            /* an init-capture ([g = std::move(guard)]): an owner releases what it owns */
            add_owner_live(&st, &st.lives, &st.nlives, &st.caplives, var_path(&st, d),
                           clang_getCursorType(d));
            if (class_dtor(clang_getCursorType(d), &du, &dn))
                add_live(&st, &st.lives, &st.nlives, &st.caplives, var_path(&st, d), du, dn);
        } else if ((clang_getCursorKind(d) == CXCursor_VarDecl ||
                  clang_getCursorKind(d) == CXCursor_ParmDecl) &&
                 !loc_inside(clang_getCursorLocation(d), ext) &&
                 !captured_by_ref(w->tu, q->lambda, ks.v[i])) {
            /* an owner captured by copy (a reference: what it names): the closure's copy is
             * released when the closure dies */
            CXType t = clang_getCursorType(d);
            struct ct_path vp = var_path(&st, d);
            if (type_is_ref(t)) {
                t = clang_getPointeeType(clang_getCanonicalType(t));
                vp = push_deref(vp);
            }
            add_owner_live(&st, &st.lives, &st.nlives, &st.caplives, vp, t);
        }
    }
    kids_free(&ks);

    f = CT_PUSH(w->fns, w->nfns, w->capfns);
    if (!f) {
        lower_free(&st);
        return CT_ENOMEM;
    }
    size_t fi = w->nfns - 1;
    closure_names(q->lambda, &f->usr, &f->name);
    f->linkage = CT_LINK_INTERNAL;
    f->is_definition = true;
    f->loc = loc_of(clang_getCursorLocation(q->lambda));
    f->closure_of = q->frame_usr;
    f->nparams = st.nparams;
    f->params = ct_arena_alloc(w->facts->arena, (st.nparams ? st.nparams : 1) * sizeof(*f->params));
    if (!f->params)
        st.oom = true;
    for (unsigned i = 0; f->params && i < st.nparams; i++) {
        if (q->has_this && i == 0) {
            f->params[i].name = ct_intern("this");
            continue;
        }
        f->params[i].name = intern_cx(clang_getCursorSpelling(st.params[i]));
        f->params[i].is_func_ptr = type_is_func_ptr(clang_getCursorType(st.params[i]));
    }
    if (!clang_Cursor_isNull(body)) {
        lower_stmt(&st, body);
        destroy_to(&st, 0, end_loc(body));
    }
    finish_body(w, &st, fi, q->lambda);
    lower_free(&st);
    return st.oom ? CT_ENOMEM : 0;
}

/* Lowers the closures queued so far (and those they queue in turn). */
static int lower_closures(struct tu_walk *w)
{
    int rc = 0;
    for (size_t i = w->closures_done; i < w->closures.n && rc == 0; i++) {
        struct closure q = w->closures.v[i];
        w->closures_done = i + 1;
        rc = lower_closure(w, &q);
        free(q.params);
        w->closures.v[i].params = NULL;
    }
    return rc;
}

/* Static initialisers of globals: stores of function values into tables. */
/* Whether a value of type T holds a pointer somewhere (a field, an element), DEPTH levels deep. */
static bool holds_pointer(CXType t, int depth);

static enum CXVisitorResult visit_field_pointer(CXCursor c, CXClientData data)
{
    int *found = data;
    if (holds_pointer(clang_getCursorType(c), found[1] + 1)) {
        found[0] = 1;
        return CXVisit_Break;
    }
    return CXVisit_Continue;
}

static bool holds_pointer(CXType t, int depth)
{
    t = clang_getCanonicalType(t);
    if (depth > 6)
        return true; /* deep: assume so */
    switch (t.kind) {
    case CXType_Pointer:
    case CXType_BlockPointer:
    case CXType_LValueReference:
    case CXType_RValueReference:
    case CXType_MemberPointer:
    case CXType_Unexposed:
    case CXType_Invalid:
        return true;
    case CXType_ConstantArray:
    case CXType_IncompleteArray:
    case CXType_VariableArray:
        return holds_pointer(clang_getArrayElementType(t), depth + 1);
    case CXType_Record: {
        int found[2] = {0, depth};
        clang_Type_visitFields(t, visit_field_pointer, found);
        return found[0] != 0;
    }
    default:
        return false;
    }
}

static int lower_global_init(struct tu_walk *w, CXCursor var)
{
    CXCursor init = clang_Cursor_getVarDeclInitializer(var);
    struct lower st;
    if (clang_Cursor_isNull(init) || !holds_pointer(clang_getCursorType(var), 0))
        return 0; /* int tables[] = {...}: no function or object to follow */
    memset(&st, 0, sizeof(st));
    st.block = clang_getNullCursor();
    st.tu = w->tu;
    st.facts = w->facts;
    store_init(&st, init, var_path(&st, var));
    for (size_t i = 0; i < st.ninsns; i++) {
        if (st.insns[i].kind != CT_I_STORE)
            continue;
        struct ct_insn *in = CT_PUSH(w->inits, w->ninits, w->capinits);
        if (!in) {
            st.oom = true;
            break;
        }
        *in = st.insns[i];
    }
    free(st.insns);
    free(st.calls);
    free(st.labels);
    free(st.patches);
    free(st.ctxs);
    free(st.results);
    free(st.cleanups);
    return st.oom ? CT_ENOMEM : 0;
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data)
{
    struct tu_walk *w = data;
    enum CXCursorKind k = clang_getCursorKind(c);
    int rc = 0;

    if (clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
    switch (k) {
    case CXCursor_FunctionDecl:
    case CXCursor_CXXMethod:
    case CXCursor_Constructor:
    case CXCursor_Destructor:
    case CXCursor_ConversionFunction:
    case CXCursor_FunctionTemplate: /* its pattern: calls of its specializations call it */
        rc = lower_function(w, c);
        if (rc == 0)
            rc = lower_closures(w);
        break;
    case CXCursor_VarDecl:
        if (clang_Cursor_hasVarDeclGlobalStorage(c) == 1)
            rc = lower_global_init(w, c);
        break;
    case CXCursor_Namespace:
    case CXCursor_LinkageSpec:
    case CXCursor_ClassDecl:
    case CXCursor_StructDecl:
    case CXCursor_ClassTemplate:
        if (w->depth < 64) {
            w->depth++;
            clang_visitChildren(c, visit_top, w);
            w->depth--;
        }
        if (k != CXCursor_Namespace && k != CXCursor_LinkageSpec && k != CXCursor_ClassTemplate &&
            w->cxx && clang_isCursorDefinition(c))
            rc = lower_implicit_dtor(w, c);
        break;
    default:
        break;
    }
    if (rc != 0) {
        w->oom = true;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

/* Sets *DATA when a top-level declaration is one only C++ has. */
static enum CXChildVisitResult visit_cxx(CXCursor c, CXCursor parent, CXClientData data)
{
    bool *cxx = data;
    switch (clang_getCursorKind(c)) {
    case CXCursor_Namespace:
    case CXCursor_ClassDecl:
    case CXCursor_ClassTemplate:
    case CXCursor_FunctionTemplate:
    case CXCursor_CXXMethod:
    case CXCursor_Constructor:
    case CXCursor_LinkageSpec:
    case CXCursor_UsingDirective:
    case CXCursor_UsingDeclaration:
    case CXCursor_TypeAliasDecl:
    case CXCursor_NamespaceAlias:
        *cxx = true;
        return CXChildVisit_Break;
    default:
        return CXChildVisit_Continue;
    }
}


static int add_error(struct ct_tu_facts *facts, size_t *cap, struct ct_loc loc, const char *msg)
{
    struct ct_tu_error *e;
    if (ct_grow((void **)&facts->errors, cap, facts->nerrors + 1, sizeof(*facts->errors)) != 0)
        return CT_ENOMEM;
    e = &facts->errors[facts->nerrors++];
    e->loc = loc;
    e->message = ct_intern(msg);
    return e->message ? 0 : CT_ENOMEM;
}

/* Checks FILE exists, is a regular file and holds no NUL byte in its first 64 KiB. */
static int check_input(const char *file, struct ct_error *err)
{
    struct stat sb;
    unsigned char buf[65536];
    size_t n;
    FILE *fp;

    if (stat(file, &sb) != 0)
        return ct_error_set(err, CT_ENOENT, file, 0, 0, "%s", strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return ct_error_set(err, CT_EISDIR, file, 0, 0, "is a directory, not a source file");
    if (!S_ISREG(sb.st_mode))
        return ct_error_set(err, CT_EIO, file, 0, 0,
                            "not a regular file (a pipe, device or socket); give a source file");
    fp = fopen(file, "rb");
    if (!fp)
        return ct_error_set(err, CT_EIO, file, 0, 0, "%s", strerror(errno));
    n = fread(buf, 1, sizeof(buf), fp);
    fclose(fp);
    if (memchr(buf, 0, n))
        return ct_error_set(err, CT_EBINARY, file, 0, 0,
                            "not a source file (it holds binary data)");
    return 0;
}

int ct_frontend_parse(struct ct_frontend *fe, const char *file, const char *const *args,
                      int nargs, struct ct_tu_facts **out, struct ct_error *err)
{
    CXTranslationUnit tu = NULL;
    struct tu_walk w;
    size_t errcap = 0;
    int rc;
    enum CXErrorCode ec;

    *out = NULL;
    rc = check_input(file, err);
    if (rc != 0)
        return rc;
    memset(&w, 0, sizeof(w));
    w.facts = ct_tu_facts_new(file);
    if (!w.facts)
        return ct_error_set(err, CT_ENOMEM, file, 0, 0, "out of memory");
    /* A database written for gcc names warnings clang does not know (-Wlogical-op): each would
     * be a line of noise on standard error for every file, so they are not warned about. */
    const char **argv2 = malloc(((size_t)nargs + 1) * sizeof(*argv2));
    if (!argv2) {
        ct_tu_facts_free(w.facts);
        return ct_error_set(err, CT_ENOMEM, file, 0, 0, "out of memory");
    }
    for (int i = 0; i < nargs; i++)
        argv2[i] = args[i];
    argv2[nargs] = "-Wno-unknown-warning-option";
    ec = clang_parseTranslationUnit2(fe->index, file, argv2, nargs + 1, NULL, 0,
                                     CXTranslationUnit_KeepGoing, &tu);
    free(argv2);
    if (ec != CXError_Success || !tu) {
        ct_tu_facts_free(w.facts);
        return ct_error_set(err, CT_EPARSE, file, 0, 0,
                            "libclang could not parse it (error %d); check the compiler flags",
                            (int)ec);
    }
    w.tu = tu;
    last_file = NULL;
    last_file_name = NULL;
    tl_workdir = NULL;
    for (int i = 0; i + 1 < nargs; i++)
        if (strcmp(args[i], "-working-directory") == 0)
            tl_workdir = args[i + 1];
    decl_cache_reset();
    unsigned ndiags = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < ndiags && rc == 0; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
        if (sev >= CXDiagnostic_Error) {
            CXString s = clang_getDiagnosticSpelling(d);
            struct ct_loc loc = loc_of(clang_getDiagnosticLocation(d));
            rc = add_error(w.facts, &errcap, loc, clang_getCString(s) ? clang_getCString(s) : "");
            clang_disposeString(s);
        }
        clang_disposeDiagnostic(d);
    }
    if (rc == 0) {
        clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_cxx, &w.cxx);
        clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_top, &w);
        if (w.oom)
            rc = CT_ENOMEM;
    }
    if (rc == 0)
        rc = ct_deps_collect(fe->deps, fe->index, tu, file, args, nargs, w.facts);
    if (rc == 0) {
        w.facts->nfunctions = w.nfns;
        w.facts->functions = ct_arena_alloc(w.facts->arena, (w.nfns ? w.nfns : 1) * sizeof(*w.fns));
        w.facts->ninit_stores = w.ninits;
        w.facts->init_stores = ct_arena_alloc(w.facts->arena,
                                              (w.ninits ? w.ninits : 1) * sizeof(*w.inits));
        if (!w.facts->functions || !w.facts->init_stores) {
            rc = CT_ENOMEM;
        } else {
            if (w.nfns)
                memcpy(w.facts->functions, w.fns, w.nfns * sizeof(*w.fns));
            if (w.ninits)
                memcpy(w.facts->init_stores, w.inits, w.ninits * sizeof(*w.inits));
        }
    }
    free(w.fns);
    free(w.inits);
    for (size_t i = w.closures_done; i < w.closures.n; i++)
        free(w.closures.v[i].params);
    free(w.closures.v);
    free(w.closures.captured);
    decl_cache_reset();
    last_file = NULL;
    clang_disposeTranslationUnit(tu);
    if (rc != 0) {
        ct_tu_facts_free(w.facts);
        return ct_error_set(err, rc, file, 0, 0, "%s", ct_strerror(rc));
    }
    *out = w.facts;
    return 0;
}
