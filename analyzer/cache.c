/* cache.c - the on-disk facts cache: a compact binary encoding of struct ct_tu_facts, entries
 * keyed by file, flags and version, validated against every file the translation unit read, and
 * written atomically (temporary file, then rename). It must never print, exit, or trust bytes it
 * read: every length is checked, and a bad entry is only ever a miss. */
#include "cache.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAGIC "CTFACTS"
#define FORMAT 8u /* also bumped when the frontend lowers the same code differently */
#define RACY_SECONDS 2 /* a file or directory changed this recently may change again unseen */
#define NIL 0xffffffffu

/* What one run learned of a dependency: its state on disk, so that a header read by hundreds
 * of translation units is looked at once. Keyed by the interned path. */
struct seen_dep {
    const char *path;  /* interned; NULL when the slot is empty */
    uint64_t size, hash;
    int64_t mtime_sec, mtime_nsec;
    bool exists;
    bool hashed;
};

struct ct_cache {
    char *dir;
    unsigned long long salt;
    pthread_mutex_t mu;       /* guards SEEN */
    struct seen_dep *seen;
    size_t nseen, capseen;
};

void ct_cache_set_salt(struct ct_cache *cache, unsigned long long salt)
{
    cache->salt = salt;
}

/* --- encoding ---------------------------------------------------------------------------- */

struct wbuf {
    unsigned char *p;
    size_t n, cap;
    bool oom;
};

static void put(struct wbuf *b, const void *data, size_t len)
{
    if (b->oom)
        return;
    if (ct_grow((void **)&b->p, &b->cap, b->n + len, 1) != 0) {
        b->oom = true;
        return;
    }
    memcpy(b->p + b->n, data, len);
    b->n += len;
}

static void put_u8(struct wbuf *b, unsigned v)
{
    unsigned char c = (unsigned char)v;
    put(b, &c, 1);
}

static void put_u32(struct wbuf *b, uint32_t v)
{
    put(b, &v, sizeof(v));
}

static void put_u64(struct wbuf *b, uint64_t v)
{
    put(b, &v, sizeof(v));
}

static void put_str(struct wbuf *b, const char *s)
{
    if (!s) {
        put_u32(b, NIL);
        return;
    }
    size_t len = strlen(s);
    put_u32(b, (uint32_t)len);
    put(b, s, len);
}

static void put_loc(struct wbuf *b, const struct ct_loc *l)
{
    put_str(b, l->file);
    put_u32(b, l->line);
    put_u32(b, l->col);
}

static void put_path(struct wbuf *b, const struct ct_path *p)
{
    put_u8(b, (unsigned)p->base);
    put_u32(b, (uint32_t)p->index);
    put_str(b, p->key);
    put_str(b, p->name);
    put_u8(b, p->nops);
    put_u8(b, p->truncated);
    for (unsigned i = 0; i < p->nops; i++) {
        put_u8(b, (unsigned)p->ops[i].kind | (p->ops[i].first ? 0x80u : 0u));
        put_str(b, p->ops[i].field);
        put_str(b, p->ops[i].record);
    }
}

static void put_value(struct wbuf *b, const struct ct_value *v)
{
    put_u8(b, (unsigned)v->kind);
    put_path(b, &v->path);
    put_str(b, v->func);
    put_str(b, v->func_name);
    put_u32(b, (uint32_t)v->call);
    put_u64(b, (uint64_t)v->const_value);
    put_str(b, v->text);
}

static void put_insn(struct wbuf *b, const struct ct_insn *in)
{
    put_u8(b, (unsigned)in->kind);
    put_u32(b, (uint32_t)in->call);
    put_path(b, &in->dst);
    put_value(b, &in->src);
    put_u32(b, in->ntargets);
    for (unsigned i = 0; i < in->ntargets; i++)
        put_u32(b, in->targets[i]);
    put_u32(b, (uint32_t)in->guard_call);
    put_u8(b, in->guard_zero_on_true);
    put_u8(b, in->null_test ? (in->null_on_true ? 2 : 1) : 0);
    if (in->null_test)
        put_path(b, in->null_test);
    put_str(b, in->awaitable);
    put_loc(b, &in->loc);
}

int ct_facts_encode(const struct ct_tu_facts *facts, unsigned char **data, size_t *len)
{
    struct wbuf b = {0};

    put_str(&b, facts->file);
    put_u32(&b, (uint32_t)facts->nfunctions);
    for (size_t i = 0; i < facts->nfunctions; i++) {
        const struct ct_function *f = &facts->functions[i];
        put_str(&b, f->usr);
        put_str(&b, f->name);
        put_u8(&b, (unsigned)f->linkage);
        put_u8(&b, f->is_definition);
        put_loc(&b, &f->loc);
        put_u32(&b, f->nparams);
        for (unsigned k = 0; k < f->nparams; k++) {
            put_str(&b, f->params[k].name);
            put_u8(&b, f->params[k].is_func_ptr);
        }
        put_u32(&b, f->nannotations);
        for (unsigned k = 0; k < f->nannotations; k++)
            put_str(&b, f->annotations[k].text);
        put_u32(&b, f->ncalls);
        for (unsigned k = 0; k < f->ncalls; k++) {
            const struct ct_call *c = &f->calls[k];
            put_str(&b, c->callee_usr);
            put_str(&b, c->callee_name);
            put_value(&b, &c->callee_value);
            put_u32(&b, c->nargs);
            for (unsigned a = 0; a < c->nargs; a++)
                put_value(&b, &c->args[a]);
            put_u8(&b, (unsigned char)((c->result_used ? 1 : 0) | (c->implicit ? 2 : 0)));
            put_path(&b, &c->result_to);
            put_loc(&b, &c->loc);
            put_u8(&b, c->moves);
            put_str(&b, c->owner);
        }
        put_u32(&b, f->ninsns);
        for (unsigned k = 0; k < f->ninsns; k++)
            put_insn(&b, &f->insns[k]);
        put_str(&b, f->closure_of);
        put_u32(&b, f->noverrides);
        for (unsigned k = 0; k < f->noverrides; k++)
            put_str(&b, f->overrides[k]);
    }
    put_u32(&b, (uint32_t)facts->ninit_stores);
    for (size_t i = 0; i < facts->ninit_stores; i++)
        put_insn(&b, &facts->init_stores[i]);
    put_u32(&b, (uint32_t)facts->ndeps);
    for (size_t i = 0; i < facts->ndeps; i++)
        put_str(&b, facts->deps[i]);
    put_u32(&b, (uint32_t)facts->nabsent);
    for (size_t i = 0; i < facts->nabsent; i++)
        put_str(&b, facts->absent[i]);
    put_u32(&b, (uint32_t)facts->nerrors);
    for (size_t i = 0; i < facts->nerrors; i++) {
        put_loc(&b, &facts->errors[i].loc);
        put_str(&b, facts->errors[i].message);
    }
    if (b.oom) {
        free(b.p);
        return CT_ENOMEM;
    }
    *data = b.p;
    *len = b.n;
    return 0;
}

/* --- decoding ---------------------------------------------------------------------------- */

struct rbuf {
    const unsigned char *p;
    size_t n, at;
    bool bad;  /* ran past the end or read nonsense */
    bool oom;
    struct ct_arena *arena;
};

static bool get(struct rbuf *r, void *out, size_t len)
{
    if (r->bad || len > r->n - r->at) {
        r->bad = true;
        memset(out, 0, len);
        return false;
    }
    memcpy(out, r->p + r->at, len);
    r->at += len;
    return true;
}

static unsigned get_u8(struct rbuf *r)
{
    unsigned char c = 0;
    get(r, &c, 1);
    return c;
}

static uint32_t get_u32(struct rbuf *r)
{
    uint32_t v = 0;
    get(r, &v, sizeof(v));
    return v;
}

static uint64_t get_u64(struct rbuf *r)
{
    uint64_t v = 0;
    get(r, &v, sizeof(v));
    return v;
}

static const char *get_str(struct rbuf *r)
{
    uint32_t len = get_u32(r);
    if (r->bad || len == NIL)
        return NULL;
    if (len > r->n - r->at) {
        r->bad = true;
        return NULL;
    }
    if (memchr(r->p + r->at, 0, len)) {
        r->bad = true; /* encoded strings never hold a NUL */
        return NULL;
    }
    const char *s = ct_intern_n((const char *)r->p + r->at, len);
    if (!s)
        r->oom = true;
    r->at += len;
    return s;
}

/* A count of items of at least MIN_SIZE encoded bytes each: refuses counts the rest cannot hold. */
static uint32_t get_count(struct rbuf *r, size_t min_size)
{
    uint32_t n = get_u32(r);
    if (!r->bad && (size_t)n > (r->n - r->at) / (min_size ? min_size : 1))
        r->bad = true;
    return r->bad ? 0 : n;
}

static void *alloc(struct rbuf *r, size_t n, size_t size)
{
    void *p = ct_arena_alloc(r->arena, (n ? n : 1) * size);
    if (!p)
        r->oom = true;
    return p;
}

static bool enum_ok(unsigned v, unsigned max, struct rbuf *r)
{
    if (v > max)
        r->bad = true;
    return !r->bad;
}

static void get_loc(struct rbuf *r, struct ct_loc *l)
{
    l->file = get_str(r);
    l->line = get_u32(r);
    l->col = get_u32(r);
}

static void get_path(struct rbuf *r, struct ct_path *p)
{
    /* into arena memory, which is zeroed already */
    p->base = (enum ct_base_kind)get_u8(r);
    enum_ok(p->base, CT_BASE_THIS, r);
    p->index = (int)get_u32(r);
    p->key = get_str(r);
    p->name = get_str(r);
    p->nops = get_u8(r);
    p->truncated = get_u8(r) != 0;
    if (p->nops > CT_PATH_MAX_OPS) {
        r->bad = true;
        p->nops = 0;
    }
    struct ct_op ops[CT_PATH_MAX_OPS];
    unsigned nops = p->nops;
    for (unsigned i = 0; i < nops && !r->bad; i++) {
        unsigned k = get_u8(r);
        ops[i].first = (k & 0x80u) != 0;
        ops[i].kind = (enum ct_op_kind)(k & 0x7fu);
        enum_ok(ops[i].kind, CT_OP_INDEX, r);
        ops[i].field = get_str(r);
        ops[i].record = get_str(r);
    }
    p->nops = 0;
    if (nops && !r->bad) {
        bool truncated = p->truncated;
        ct_path_set_ops(p, ops, nops);
        if (p->nops != nops)
            r->oom = true;
        p->truncated = truncated;
    }
}

static void get_value(struct rbuf *r, struct ct_value *v)
{
    /* into arena memory, which is zeroed already */
    v->kind = (enum ct_value_kind)get_u8(r);
    enum_ok(v->kind, CT_VAL_CONST, r);
    get_path(r, &v->path);
    v->func = get_str(r);
    v->func_name = get_str(r);
    v->call = (int)get_u32(r);
    v->const_value = (long long)get_u64(r);
    v->text = get_str(r);
}

static void get_insn(struct rbuf *r, struct ct_insn *in, unsigned ninsns)
{
    /* into arena memory, which is zeroed already */
    in->kind = (enum ct_insn_kind)get_u8(r);
    enum_ok(in->kind, CT_I_SUSPEND, r);
    in->call = (int)get_u32(r);
    get_path(r, &in->dst);
    get_value(r, &in->src);
    in->ntargets = get_count(r, 4);
    in->targets = in->ntargets ? alloc(r, in->ntargets, sizeof(unsigned)) : NULL;
    for (unsigned i = 0; i < in->ntargets && in->targets && !r->bad; i++) {
        in->targets[i] = get_u32(r);
        if (ninsns && in->targets[i] >= ninsns)
            r->bad = true;
    }
    in->guard_call = (int)get_u32(r);
    in->guard_zero_on_true = get_u8(r) != 0;
    unsigned nt = get_u8(r);
    if (nt > 2)
        r->bad = true;
    if (nt && !r->bad) {
        struct ct_path *p = alloc(r, 1, sizeof(*p));
        if (p) {
            get_path(r, p);
            in->null_test = p;
            in->null_on_true = nt == 2;
        }
    }
    in->awaitable = get_str(r);
    get_loc(r, &in->loc);
}

int ct_facts_decode(const unsigned char *data, size_t len, struct ct_tu_facts **out)
{
    struct rbuf r = {data, len, 0, false, false, NULL};
    const char *file;
    struct ct_tu_facts *f;
    size_t errcap = 0;

    *out = NULL;
    file = get_str(&r);
    if (r.bad || !file)
        return r.oom ? CT_ENOMEM : CT_EINVAL;
    f = ct_tu_facts_new(file);
    if (!f)
        return CT_ENOMEM;
    r.arena = f->arena;
    f->nfunctions = get_count(&r, 16);
    f->functions = alloc(&r, f->nfunctions, sizeof(*f->functions));
    for (size_t i = 0; i < f->nfunctions && !r.bad && !r.oom; i++) {
        struct ct_function *fn = &f->functions[i];
        fn->usr = get_str(&r);
        fn->name = get_str(&r);
        fn->linkage = (enum ct_linkage)get_u8(&r);
        enum_ok(fn->linkage, CT_LINK_EXTERNAL, &r);
        fn->is_definition = get_u8(&r) != 0;
        get_loc(&r, &fn->loc);
        fn->nparams = get_count(&r, 5);
        fn->params = alloc(&r, fn->nparams, sizeof(*fn->params));
        for (unsigned k = 0; k < fn->nparams && fn->params && !r.bad; k++) {
            fn->params[k].name = get_str(&r);
            fn->params[k].is_func_ptr = get_u8(&r) != 0;
        }
        fn->nannotations = get_count(&r, 4);
        fn->annotations = alloc(&r, fn->nannotations, sizeof(*fn->annotations));
        for (unsigned k = 0; k < fn->nannotations && fn->annotations && !r.bad; k++)
            fn->annotations[k].text = get_str(&r);
        fn->ncalls = get_count(&r, 16);
        fn->calls = alloc(&r, fn->ncalls, sizeof(*fn->calls));
        for (unsigned k = 0; k < fn->ncalls && fn->calls && !r.bad; k++) {
            struct ct_call *c = &fn->calls[k];
            c->callee_usr = get_str(&r);
            c->callee_name = get_str(&r);
            get_value(&r, &c->callee_value);
            c->nargs = get_count(&r, 16);
            c->args = c->nargs ? alloc(&r, c->nargs, sizeof(*c->args)) : NULL;
            for (unsigned a = 0; a < c->nargs && c->args && !r.bad; a++)
                get_value(&r, &c->args[a]);
            unsigned char use = get_u8(&r);
            c->result_used = (use & 1) != 0;
            c->implicit = (use & 2) != 0;
            get_path(&r, &c->result_to);
            get_loc(&r, &c->loc);
            c->moves = get_u8(&r) != 0;
            c->owner = get_str(&r);
        }
        fn->ninsns = get_count(&r, 16);
        fn->insns = alloc(&r, fn->ninsns, sizeof(*fn->insns));
        for (unsigned k = 0; k < fn->ninsns && fn->insns && !r.bad; k++) {
            get_insn(&r, &fn->insns[k], fn->ninsns);
            if (fn->insns[k].kind == CT_I_CALL &&
                (fn->insns[k].call < 0 || (unsigned)fn->insns[k].call >= fn->ncalls))
                r.bad = true;
        }
        fn->closure_of = get_str(&r);
        fn->noverrides = get_count(&r, 4);
        fn->overrides = alloc(&r, fn->noverrides, sizeof(*fn->overrides));
        for (unsigned k = 0; k < fn->noverrides && fn->overrides && !r.bad; k++)
            fn->overrides[k] = get_str(&r);
        if (fn->is_definition && fn->ninsns == 0)
            r.bad = true; /* every body ends in a return */
    }
    f->ninit_stores = get_count(&r, 16);
    f->init_stores = alloc(&r, f->ninit_stores, sizeof(*f->init_stores));
    for (size_t i = 0; i < f->ninit_stores && f->init_stores && !r.bad; i++)
        get_insn(&r, &f->init_stores[i], 0);
    f->ndeps = get_count(&r, 4);
    f->deps = alloc(&r, f->ndeps, sizeof(*f->deps));
    for (size_t i = 0; i < f->ndeps && f->deps && !r.bad; i++)
        if (!(f->deps[i] = get_str(&r)))
            r.bad = true;
    f->nabsent = get_count(&r, 4);
    f->absent = alloc(&r, f->nabsent, sizeof(*f->absent));
    for (size_t i = 0; i < f->nabsent && f->absent && !r.bad; i++)
        if (!(f->absent[i] = get_str(&r)))
            r.bad = true;
    size_t nerrors = get_count(&r, 12);
    for (size_t i = 0; i < nerrors && !r.bad && !r.oom; i++) {
        if (ct_grow((void **)&f->errors, &errcap, f->nerrors + 1, sizeof(*f->errors)) != 0) {
            r.oom = true;
            break;
        }
        get_loc(&r, &f->errors[f->nerrors].loc);
        f->errors[f->nerrors].message = get_str(&r);
        if (!f->errors[f->nerrors].message)
            r.bad = true;
        f->nerrors++;
    }
    if (r.at != r.n)
        r.bad = true;
    if (r.bad || r.oom) {
        ct_tu_facts_free(f);
        return r.oom ? CT_ENOMEM : CT_EINVAL;
    }
    *out = f;
    return 0;
}

/* --- the cache directory ----------------------------------------------------------------- */

static int mkdirs(const char *dir)
{
    char buf[PATH_MAX];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof(buf))
        return -1;
    memcpy(buf, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] == '/' || buf[i] == '\0') {
            char c = buf[i];
            buf[i] = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return -1;
            buf[i] = c;
        }
    }
    return 0;
}

int ct_cache_open(struct ct_cache **out, const char *dir, struct ct_error *err)
{
    struct stat sb;
    *out = NULL;
    if (mkdirs(dir) != 0 || stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return ct_error_set(err, CT_EIO, dir, 0, 0, "cannot create the cache directory: %s",
                            strerror(errno ? errno : ENOTDIR));
    if (access(dir, W_OK | X_OK) != 0)
        return ct_error_set(err, CT_EIO, dir, 0, 0, "cannot write the cache directory: %s",
                            strerror(errno));
    struct ct_cache *c = calloc(1, sizeof(*c));
    if (!c || !(c->dir = strdup(dir))) {
        free(c);
        return ct_error_set(err, CT_ENOMEM, dir, 0, 0, "out of memory");
    }
    pthread_mutex_init(&c->mu, NULL);
    *out = c;
    return 0;
}

void ct_cache_close(struct ct_cache *cache)
{
    if (!cache)
        return;
    pthread_mutex_destroy(&cache->mu);
    free(cache->seen);
    free(cache->dir);
    free(cache);
}

char *ct_cache_default_dir(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char *s = NULL;
    if (xdg && xdg[0] == '/') {
        if (asprintf(&s, "%s/crosstask", xdg) < 0)
            s = NULL;
    } else if (home && *home) {
        if (asprintf(&s, "%s/.cache/crosstask", home) < 0)
            s = NULL;
    }
    return s;
}

static uint64_t entry_key(const struct ct_cache *cache, const char *file,
                          const char *const *argv, int argc)
{
    uint64_t h = CT_HASH_INIT;
    h = ct_hash(h, &cache->salt, sizeof(cache->salt));
    const char *v = CT_VERSION;
    uint32_t fmt = FORMAT;
    h = ct_hash(h, v, strlen(v) + 1);
    h = ct_hash(h, &fmt, sizeof(fmt));
    h = ct_hash(h, file, strlen(file) + 1);
    for (int i = 0; i < argc; i++)
        h = ct_hash(h, argv[i], strlen(argv[i]) + 1);
    return h;
}

static void entry_path(const struct ct_cache *c, uint64_t key, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%016llx.facts", c->dir, (unsigned long long)key);
}

/* Reads the whole file PATH into a new buffer. */
static int read_all(const char *path, unsigned char **data, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    struct stat sb;
    if (!fp)
        return CT_ENOENT;
    if (fstat(fileno(fp), &sb) != 0 || sb.st_size < 0 || (uint64_t)sb.st_size > (1ULL << 31)) {
        fclose(fp);
        return CT_EIO;
    }
    *len = (size_t)sb.st_size;
    *data = malloc(*len ? *len : 1);
    if (!*data) {
        fclose(fp);
        return CT_ENOMEM;
    }
    size_t got = fread(*data, 1, *len, fp);
    fclose(fp);
    if (got != *len) {
        free(*data);
        return CT_EIO;
    }
    return 0;
}

/* Reads the first WANT bytes of the entry at PATH, at most up to its 8-byte trailer, into a new
 * buffer (*LEN bytes), and the trailer into *TRAILER; *BODY is the entry's size before it. */
static int read_prefix(const char *path, size_t want, unsigned char **data, size_t *len,
                       size_t *body, uint64_t *trailer)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    int rc = CT_EIO;

    *data = NULL;
    if (fd < 0)
        return CT_ENOENT;
    if (fstat(fd, &sb) != 0 || sb.st_size < 8 + 4 + 8 + 8 ||
        (uint64_t)sb.st_size > (1ULL << 31))
        goto out;
    *body = (size_t)sb.st_size - 8;
    *len = want < *body ? want : *body;
    if (pread(fd, trailer, 8, (off_t)*body) != 8)
        goto out;
    if (!(*data = malloc(*len))) {
        rc = CT_ENOMEM;
        goto out;
    }
    for (size_t got = 0; got < *len;) {
        ssize_t n = pread(fd, *data + got, *len - got, (off_t)got);
        if (n <= 0) {
            free(*data);
            *data = NULL;
            goto out;
        }
        got += (size_t)n;
    }
    rc = 0;
out:
    close(fd);
    return rc;
}

static uint64_t content_hash(const char *path, bool *ok)
{
    unsigned char *data;
    size_t len;
    *ok = read_all(path, &data, &len) == 0;
    if (!*ok)
        return 0;
    uint64_t h = ct_hash(CT_HASH_INIT, data, len);
    free(data);
    return h;
}

/* One dependency: path, size, mtime, content hash. */
struct dep {
    const char *path;
    uint64_t size;
    int64_t mtime_sec, mtime_nsec;
    uint64_t hash;
};

/* The slot for PATH in the table of dependencies seen this run (caller holds the mutex). */
static struct seen_dep *seen_slot(struct ct_cache *c, const char *path)
{
    if ((c->nseen + 1) * 2 > c->capseen) {
        size_t ncap = c->capseen ? c->capseen * 2 : 1024;
        struct seen_dep *nv = calloc(ncap, sizeof(*nv));
        if (!nv)
            return NULL;
        for (size_t i = 0; i < c->capseen; i++) {
            if (!c->seen[i].path)
                continue;
            size_t j = (size_t)ct_hash(CT_HASH_INIT, &c->seen[i].path, sizeof(char *)) & (ncap - 1);
            while (nv[j].path)
                j = (j + 1) & (ncap - 1);
            nv[j] = c->seen[i];
        }
        free(c->seen);
        c->seen = nv;
        c->capseen = ncap;
    }
    size_t j = (size_t)ct_hash(CT_HASH_INIT, &path, sizeof(path)) & (c->capseen - 1);
    while (c->seen[j].path && c->seen[j].path != path)
        j = (j + 1) & (c->capseen - 1);
    return &c->seen[j];
}

static bool dep_unchanged(struct ct_cache *c, const struct dep *d)
{
    struct stat sb;
    bool ok, result;

    pthread_mutex_lock(&c->mu);
    struct seen_dep *s = seen_slot(c, d->path);
    if (s && !s->path) {
        s->path = d->path;
        c->nseen++;
        s->exists = stat(d->path, &sb) == 0;
        if (s->exists) {
            s->size = (uint64_t)sb.st_size;
            s->mtime_sec = (int64_t)sb.st_mtim.tv_sec;
            s->mtime_nsec = (int64_t)sb.st_mtim.tv_nsec;
        }
    } else if (!s) {
        /* out of memory: look without remembering */
        pthread_mutex_unlock(&c->mu);
        if (stat(d->path, &sb) != 0 || (uint64_t)sb.st_size != d->size)
            return false;
        return ((int64_t)sb.st_mtim.tv_sec == d->mtime_sec &&
                (int64_t)sb.st_mtim.tv_nsec == d->mtime_nsec) ||
               (content_hash(d->path, &ok) == d->hash && ok);
    }
    if (!s->exists || s->size != d->size) {
        result = false;
    } else if (s->mtime_sec == d->mtime_sec && s->mtime_nsec == d->mtime_nsec) {
        result = true;
    } else {
        if (!s->hashed) { /* touched: compare the bytes, once per run */
            s->hash = content_hash(d->path, &ok);
            s->hashed = ok;
        }
        result = s->hashed && s->hash == d->hash;
    }
    pthread_mutex_unlock(&c->mu);
    return result;
}

/* The state of PATH on disk as this run first saw it (memoised like dependencies). */
static void seen_stat(struct ct_cache *c, const char *path, bool *exists, int64_t *sec,
                      int64_t *nsec)
{
    struct stat sb;
    pthread_mutex_lock(&c->mu);
    struct seen_dep *s = seen_slot(c, path);
    if (s && s->path) {
        *exists = s->exists;
        *sec = s->mtime_sec;
        *nsec = s->mtime_nsec;
        pthread_mutex_unlock(&c->mu);
        return;
    }
    *exists = stat(path, &sb) == 0;
    *sec = *exists ? (int64_t)sb.st_mtim.tv_sec : 0;
    *nsec = *exists ? (int64_t)sb.st_mtim.tv_nsec : 0;
    if (s) {
        s->path = path;
        c->nseen++;
        s->exists = *exists;
        s->size = *exists ? (uint64_t)sb.st_size : 0;
        s->mtime_sec = *sec;
        s->mtime_nsec = *nsec;
    }
    pthread_mutex_unlock(&c->mu);
}

/* Skips one encoded string without interning it. */
static void skip_str(struct rbuf *r)
{
    uint32_t len = get_u32(r);
    if (r->bad || len == NIL)
        return;
    if (len > r->n - r->at)
        r->bad = true;
    else
        r->at += len;
}

/* Checks the paths the entry needs absent. They are grouped by the nearest directory that
 * existed: while its modification time is unchanged nothing was created in it, else each path
 * is looked at. */
static bool absent_unchanged(struct ct_cache *c, struct rbuf *r)
{
    uint32_t ndirs = get_count(r, 20);
    bool *ok = calloc(ndirs ? ndirs : 1, sizeof(*ok));
    const char **dirs = calloc(ndirs ? ndirs : 1, sizeof(*dirs));
    bool result = ok && dirs;
    for (uint32_t i = 0; i < ndirs && result && !r->bad; i++) {
        bool exists;
        int64_t sec, nsec;
        dirs[i] = get_str(r);
        int64_t want_sec = (int64_t)get_u64(r), want_nsec = (int64_t)get_u64(r);
        if (!dirs[i]) {
            result = false;
            break;
        }
        seen_stat(c, dirs[i], &exists, &sec, &nsec);
        ok[i] = exists && sec == want_sec && nsec == want_nsec;
    }
    uint32_t nabsent = result ? get_count(r, 8) : 0;
    for (uint32_t i = 0; i < nabsent && result && !r->bad; i++) {
        uint32_t d = get_u32(r);
        if (d >= ndirs) {
            r->bad = true;
            break;
        }
        if (ok[d]) {
            skip_str(r);
            continue;
        }
        const char *name = get_str(r);
        char path[PATH_MAX];
        int n = name ? snprintf(path, sizeof(path), "%s/%s", dirs[d], name) : -1;
        const char *p = n > 0 && (size_t)n < sizeof(path) ? ct_intern(path) : NULL;
        bool exists;
        int64_t sec, nsec;
        if (!p) {
            result = false;
            break;
        }
        seen_stat(c, p, &exists, &sec, &nsec);
        result = !exists;
    }
    free(ok);
    free(dirs);
    return result && !r->bad;
}

/* True when the modification time SEC.NSEC is too recent to trust (it may change again within
 * the same clock tick without showing). */
static bool racy(int64_t sec, int64_t nsec, const struct timespec *now)
{
    int64_t age_ns = ((int64_t)now->tv_sec - sec) * 1000000000LL + ((int64_t)now->tv_nsec - nsec);
    return age_ns < (int64_t)RACY_SECONDS * 1000000000LL;
}

/* Encodes FACTS' absent paths, grouped by the nearest existing directory of each. */
static void put_absent(struct wbuf *b, const struct ct_tu_facts *facts,
                       const struct timespec *now)
{
    struct group {
        const char *dir;
        int64_t sec, nsec;
    } *groups = NULL;
    size_t ngroups = 0, capgroups = 0;
    uint32_t *which = calloc(facts->nabsent ? facts->nabsent : 1, sizeof(*which));
    const char **names = calloc(facts->nabsent ? facts->nabsent : 1, sizeof(*names));
    size_t nkept = 0;
    char buf[PATH_MAX];

    if (!which || !names) {
        b->oom = true;
        goto out;
    }
    for (size_t i = 0; i < facts->nabsent && !b->oom; i++) {
        const char *a = facts->absent[i];
        size_t len = strlen(a);
        if (len >= sizeof(buf))
            continue;
        memcpy(buf, a, len + 1);
        const char *dir = NULL, *name = NULL;
        struct stat sb;
        for (;;) {
            char *slash = strrchr(buf, '/');
            if (!slash) {
                dir = ".";
                name = a;
                break;
            }
            if (slash == buf) {
                dir = "/";
                name = a + 1;
                break;
            }
            *slash = '\0';
            if (stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode)) {
                dir = buf;
                name = a + (slash - buf) + 1;
                break;
            }
        }
        const char *idir = ct_intern(dir);
        if (!idir) {
            b->oom = true;
            break;
        }
        size_t g = 0;
        while (g < ngroups && groups[g].dir != idir)
            g++;
        if (g == ngroups) {
            if (stat(idir, &sb) != 0)
                continue;
            struct group *ng = CT_PUSH(groups, ngroups, capgroups);
            if (!ng) {
                b->oom = true;
                break;
            }
            ng->dir = idir;
            ng->sec = (int64_t)sb.st_mtim.tv_sec;
            ng->nsec = racy(ng->sec, (int64_t)sb.st_mtim.tv_nsec, now) ? -1
                                                                        : (int64_t)sb.st_mtim.tv_nsec;
        }
        which[nkept] = (uint32_t)g;
        names[nkept++] = name == a ? a : ct_intern(name);
        if (!names[nkept - 1])
            b->oom = true;
    }
    put_u32(b, (uint32_t)ngroups);
    for (size_t g = 0; g < ngroups; g++) {
        put_str(b, groups[g].dir);
        put_u64(b, (uint64_t)groups[g].sec);
        put_u64(b, (uint64_t)groups[g].nsec);
    }
    put_u32(b, (uint32_t)nkept);
    for (size_t i = 0; i < nkept; i++) {
        put_u32(b, which[i]);
        put_str(b, names[i]);
    }
out:
    free(groups);
    free(which);
    free(names);
}

/* Checks the header of an entry (magic, format, key), then that every file it depends on is
 * unchanged and every path it needs absent still is, reading R from its start. Returns 1 when
 * the entry is current, R then at the facts' length; 0 when it is stale, corrupt or foreign; -1
 * when R ran out of bytes before the end of that part (R holding only a prefix of the entry). */
static int check_head(struct ct_cache *cache, struct rbuf *r, uint64_t key)
{
    char magic[8];
    if (!get(r, magic, 8) || memcmp(magic, MAGIC, 8) != 0 || get_u32(r) != FORMAT ||
        get_u64(r) != key)
        return r->bad ? -1 : 0;
    uint32_t ndeps = get_count(r, 36);
    for (uint32_t i = 0; i < ndeps && !r->bad; i++) {
        struct dep d;
        d.path = get_str(r);
        d.size = get_u64(r);
        d.mtime_sec = (int64_t)get_u64(r);
        d.mtime_nsec = (int64_t)get_u64(r);
        d.hash = get_u64(r);
        if (r->bad)
            break;
        if (!d.path || !dep_unchanged(cache, &d))
            return 0;
    }
    if (r->bad)
        return -1;
    if (!absent_unchanged(cache, r))
        return r->bad ? -1 : 0;
    return 1;
}

/* Reads and validates the entry for FILE/ARGV: on 0, *DATA (free with free()) holds it, the
 * facts being the *FLEN bytes at *FOFF, and *SUM is its checksum. With HEAD_ONLY the facts are
 * neither read nor checked against the checksum (ct_cache_check: the caller only needs to know
 * the entry is current, and which it is): *DATA then holds the entry's start, up to *FOFF. */
static int read_entry(struct ct_cache *cache, const char *file, const char *const *argv, int argc,
                      bool head_only, unsigned char **data_out, size_t *foff, size_t *flen_out,
                      uint64_t *sum_out)
{
    char path[PATH_MAX];
    unsigned char *data = NULL;
    size_t len = 0, body = 0, want = (size_t)16 << 10;
    uint64_t key = entry_key(cache, file, argv, argc), sum = 0;
    int rc, ok;
    struct rbuf r;

    entry_path(cache, key, path, sizeof(path));
    for (;;) {
        rc = head_only ? read_prefix(path, want, &data, &len, &body, &sum)
                       : read_all(path, &data, &len);
        if (rc != 0)
            return rc == CT_ENOMEM ? CT_ENOMEM : CT_ENOENT;
        rc = CT_ENOENT;
        if (!head_only) {
            /* header: magic, format, key; trailer: checksum of everything before it */
            if (len < 8 + 4 + 8 + 8)
                goto out;
            body = len - 8;
            memcpy(&sum, data + body, 8);
            if (ct_hash(CT_HASH_INIT, data, body) != sum)
                goto out;
            len = body;
        }
        memset(&r, 0, sizeof(r));
        r.p = data;
        r.n = len;
        ok = check_head(cache, &r, key);
        if (ok >= 0 || len >= body)
            break;
        free(data); /* the dependencies went on past the prefix read: read more */
        data = NULL;
        want = len * 4;
    }
    if (ok <= 0)
        goto out;
    uint64_t flen = get_u64(&r);
    if (r.bad || flen != body - r.at)
        goto out;
    *data_out = data;
    *foff = r.at;
    *flen_out = (size_t)flen;
    *sum_out = sum;
    return 0;
out:
    free(data);
    return rc;
}

int ct_cache_check(struct ct_cache *cache, const char *file, const char *const *argv, int argc,
                   unsigned long long *sum)
{
    unsigned char *data;
    size_t off, flen;
    uint64_t s64;
    int rc = read_entry(cache, file, argv, argc, true, &data, &off, &flen, &s64);
    if (rc == 0) {
        *sum = s64;
        free(data);
    }
    return rc;
}

int ct_cache_load(struct ct_cache *cache, const char *file, const char *const *argv, int argc,
                  struct ct_tu_facts **out)
{
    return ct_cache_load_sum(cache, file, argv, argc, out, NULL);
}

int ct_cache_load_sum(struct ct_cache *cache, const char *file, const char *const *argv, int argc,
                      struct ct_tu_facts **out, unsigned long long *sum_out)
{
    unsigned char *data;
    size_t off, flen;
    uint64_t sum;
    int rc;

    *out = NULL;
    rc = read_entry(cache, file, argv, argc, false, &data, &off, &flen, &sum);
    if (rc != 0)
        return rc;
    rc = ct_facts_decode(data + off, flen, out);
    if (rc == CT_EINVAL)
        rc = CT_ENOENT;
    if (rc == 0 && sum_out)
        *sum_out = sum;
    free(data);
    return rc;
}

/* --- whole-program results ----------------------------------------------------------------- */

#define BLOB_MAGIC "CTBLOB1"

static void blob_path(const struct ct_cache *c, unsigned long long key, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%016llx.result", c->dir, key ^ (unsigned long long)c->salt);
}

int ct_cache_load_blob(struct ct_cache *cache, unsigned long long key, unsigned char **data,
                       size_t *len)
{
    char path[PATH_MAX];
    unsigned char *raw = NULL;
    size_t n = 0;
    uint64_t sum, k;
    int rc;

    blob_path(cache, key, path, sizeof(path));
    rc = read_all(path, &raw, &n);
    if (rc != 0)
        return rc == CT_ENOMEM ? CT_ENOMEM : CT_ENOENT;
    if (n < 8 + 8 + 8 || memcmp(raw, BLOB_MAGIC, 8) != 0)
        goto bad;
    memcpy(&k, raw + 8, 8);
    memcpy(&sum, raw + n - 8, 8);
    if (k != key || ct_hash(CT_HASH_INIT, raw, n - 8) != sum)
        goto bad;
    *len = n - 24;
    *data = malloc(*len ? *len : 1);
    if (!*data) {
        free(raw);
        return CT_ENOMEM;
    }
    memcpy(*data, raw + 16, *len);
    free(raw);
    return 0;
bad:
    free(raw);
    return CT_ENOENT;
}

/* Writes LEN bytes to PATH through a temporary file and a rename. */
static int write_atomically(const char *dir, const char *path, const unsigned char *data, size_t len,
                            const char *what, struct ct_error *err)
{
    char tmp[PATH_MAX + 32];
    snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0)
        return ct_error_set(err, CT_EIO, dir, 0, 0, "cannot write %s: %s", what,
                            strerror(errno));
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w <= 0) {
            close(fd);
            unlink(tmp);
            return ct_error_set(err, CT_EIO, dir, 0, 0, "cannot write %s: %s", what,
                                strerror(errno));
        }
        done += (size_t)w;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        unlink(tmp);
        return ct_error_set(err, CT_EIO, dir, 0, 0, "cannot write %s: %s", what,
                            strerror(errno));
    }
    return 0;
}

int ct_cache_store_blob(struct ct_cache *cache, unsigned long long key, const unsigned char *data,
                        size_t len, struct ct_error *err)
{
    char path[PATH_MAX];
    struct wbuf b = {0};
    int rc;

    put(&b, BLOB_MAGIC, 8);
    put_u64(&b, key);
    put(&b, data, len);
    put_u64(&b, ct_hash(CT_HASH_INIT, b.p, b.n));
    if (b.oom) {
        free(b.p);
        return ct_error_set(err, CT_ENOMEM, cache->dir, 0, 0, "out of memory");
    }
    blob_path(cache, key, path, sizeof(path));
    rc = write_atomically(cache->dir, path, b.p, b.n, "the cache", err);
    free(b.p);
    return rc;
}

int ct_cache_store(struct ct_cache *cache, const char *file, const char *const *argv, int argc,
                   const struct ct_tu_facts *facts, struct ct_error *err)
{
    int rc = ct_cache_store_sum(cache, file, argv, argc, facts, NULL, err);
    return rc > 0 ? 0 : rc;
}

int ct_cache_store_sum(struct ct_cache *cache, const char *file, const char *const *argv, int argc,
                       const struct ct_tu_facts *facts, unsigned long long *sum_out,
                       struct ct_error *err)
{
    char path[PATH_MAX], tmp[PATH_MAX + 32];
    struct wbuf b = {0};
    unsigned char *payload = NULL;
    size_t plen = 0;
    uint64_t key = entry_key(cache, file, argv, argc);
    int rc, fd;
    struct timespec now;

    clock_gettime(CLOCK_REALTIME, &now);

    if ((rc = ct_facts_encode(facts, &payload, &plen)) != 0)
        return ct_error_set(err, rc, file, 0, 0, "out of memory");
    put(&b, MAGIC, 8);
    put_u32(&b, FORMAT);
    put_u64(&b, key);
    /* the main file first, then what it includes */
    size_t ndeps = facts->ndeps;
    bool main_listed = false;
    for (size_t i = 0; i < facts->ndeps; i++)
        main_listed |= strcmp(facts->deps[i], file) == 0;
    put_u32(&b, (uint32_t)(ndeps + (main_listed ? 0 : 1)));
    for (size_t i = 0; i <= ndeps; i++) {
        const char *dp = i == 0 ? file : facts->deps[i - 1];
        if (i > 0 && strcmp(dp, file) == 0)
            continue;
        struct stat sb;
        bool ok;
        if (stat(dp, &sb) != 0) {
            free(payload);
            free(b.p);
            return 0; /* a dependency vanished while we ran: do not cache */
        }
        uint64_t h = content_hash(dp, &ok);
        int64_t nsec = (int64_t)sb.st_mtim.tv_nsec;
        if (racy((int64_t)sb.st_mtim.tv_sec, nsec, &now))
            nsec = -1; /* never matches: the bytes are compared instead */
        put_str(&b, dp);
        put_u64(&b, (uint64_t)sb.st_size);
        put_u64(&b, (uint64_t)sb.st_mtim.tv_sec);
        put_u64(&b, (uint64_t)nsec);
        put_u64(&b, h);
    }
    put_absent(&b, facts, &now);
    put_u64(&b, plen);
    put(&b, payload, plen);
    free(payload);
    uint64_t sum = ct_hash(CT_HASH_INIT, b.p, b.n);
    put_u64(&b, sum);
    if (sum_out)
        *sum_out = sum;
    if (b.oom) {
        free(b.p);
        return ct_error_set(err, CT_ENOMEM, file, 0, 0, "out of memory");
    }
    entry_path(cache, key, path, sizeof(path));
    snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0) {
        free(b.p);
        return ct_error_set(err, CT_EIO, cache->dir, 0, 0, "cannot write the cache: %s",
                            strerror(errno));
    }
    size_t done = 0;
    while (done < b.n) {
        ssize_t w = write(fd, b.p + done, b.n - done);
        if (w <= 0) {
            close(fd);
            unlink(tmp);
            free(b.p);
            return ct_error_set(err, CT_EIO, cache->dir, 0, 0, "cannot write the cache: %s",
                                strerror(errno));
        }
        done += (size_t)w;
    }
    free(b.p);
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        unlink(tmp);
        return ct_error_set(err, CT_EIO, cache->dir, 0, 0, "cannot write the cache: %s",
                            strerror(errno));
    }
    return 1;
}

/* --- facts files ---------------------------------------------------------------------------- */

/* magic, format (u32), the writer's version (string), facts length (u64), facts, checksum of
 * everything before it (u64) */
#define FACTS_FILE_MAGIC "CTFACTS\n"

unsigned ct_facts_file_format(void)
{
    return FORMAT;
}

int ct_facts_write_file(const char *path, const struct ct_tu_facts *facts, struct ct_error *err)
{
    struct wbuf b = {0};
    unsigned char *payload = NULL;
    size_t plen = 0;
    int rc;

    if ((rc = ct_facts_encode(facts, &payload, &plen)) != 0)
        return ct_error_set(err, rc, path, 0, 0, "out of memory");
    put(&b, FACTS_FILE_MAGIC, 8);
    put_u32(&b, FORMAT);
    put_str(&b, CT_VERSION);
    put_u64(&b, plen);
    put(&b, payload, plen);
    free(payload);
    put_u64(&b, ct_hash(CT_HASH_INIT, b.p, b.n));
    if (b.oom) {
        free(b.p);
        return ct_error_set(err, CT_ENOMEM, path, 0, 0, "out of memory");
    }
    rc = write_atomically(path, path, b.p, b.n, "the facts", err);
    free(b.p);
    return rc;
}

int ct_facts_read_file(const char *path, struct ct_tu_facts **out, struct ct_error *err)
{
    unsigned char *data = NULL;
    size_t len = 0;
    int rc;

    *out = NULL;
    errno = 0;
    rc = read_all(path, &data, &len);
    if (rc == CT_ENOMEM)
        return ct_error_set(err, rc, path, 0, 0, "out of memory");
    if (rc != 0)
        return ct_error_set(err, CT_EIO, path, 0, 0, "cannot read the facts file: %s",
                            strerror(errno ? errno : EIO));
    struct rbuf r = {data, len, 0, false, false, NULL};
    char magic[8];
    if (!get(&r, magic, 8) || memcmp(magic, FACTS_FILE_MAGIC, 8) != 0) {
        free(data);
        return ct_error_set(err, CT_EINVAL, path, 0, 0,
                            "not a crosstask facts file (made by crosstask --emit-facts)");
    }
    uint32_t format = get_u32(&r);
    if (r.bad || format != FORMAT) {
        free(data);
        return ct_error_set(err, CT_EINVAL, path, 0, 0,
                            "facts format version %u, but this crosstask (%s) reads version %u: "
                            "emit the facts again with this crosstask",
                            (unsigned)format, CT_VERSION, (unsigned)FORMAT);
    }
    uint64_t sum = 0;
    if (len >= 8)
        memcpy(&sum, data + len - 8, 8);
    if (len < 8 + 4 + 4 + 8 + 8 || ct_hash(CT_HASH_INIT, data, len - 8) != sum) {
        free(data);
        return ct_error_set(err, CT_EINVAL, path, 0, 0,
                            "corrupt facts file (truncated, or its checksum does not match): "
                            "emit it again");
    }
    r.n = len - 8;
    (void)get_str(&r); /* the writer's version */
    uint64_t flen = get_u64(&r);
    if (r.bad || flen != r.n - r.at) {
        free(data);
        return ct_error_set(err, CT_EINVAL, path, 0, 0, "corrupt facts file (bad length)");
    }
    rc = ct_facts_decode(data + r.at, (size_t)flen, out);
    free(data);
    if (rc == CT_ENOMEM)
        return ct_error_set(err, rc, path, 0, 0, "out of memory");
    if (rc != 0)
        return ct_error_set(err, CT_EINVAL, path, 0, 0,
                            "corrupt facts file (the facts do not decode): emit it again");
    return 0;
}
