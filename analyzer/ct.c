/* ct.c - shared basics: error codes and records, array growth, the string interner, hashing.
 * Must never print or exit. */
#include "ct.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ct_strerror(int code)
{
    switch (code) {
#define CT__ERRNO_CASE(name, value, text) case CT_##name: return text;
        CT_ERRNO_MAP(CT__ERRNO_CASE)
#undef CT__ERRNO_CASE
    case 0:
        return "success";
    default:
        return "unknown error";
    }
}

int ct_error_set(struct ct_error *err, int code, const char *file, unsigned line, unsigned col,
                 const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        err->file = file;
        err->line = line;
        err->col = col;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
        va_end(ap);
    }
    return code;
}

int ct_grow(void **items, size_t *cap, size_t need, size_t size)
{
    size_t ncap;
    void *p;

    if (need <= *cap)
        return 0;
    ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / size)
            return CT_ENOMEM;
        ncap *= 2;
    }
    p = realloc(*items, ncap * size);
    if (!p)
        return CT_ENOMEM;
    *items = p;
    *cap = ncap;
    return 0;
}

unsigned long long ct_hash(unsigned long long h, const void *data, size_t len)
{
    /* FNV-1a's idea, eight bytes at a time (multiply, then fold the high bits down); the tail
     * byte by byte. Not for adversaries: for tables, cache keys and checksums. */
    const unsigned char *p = data;
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
        p += 8;
        len -= 8;
    }
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* The interner: an open-addressing table of pointers to strings allocated in large blocks. */
struct intern_block {
    struct intern_block *next;
    size_t used, size;
    char data[];
};

static pthread_mutex_t intern_mu = PTHREAD_MUTEX_INITIALIZER;
static const char **intern_slots;      /* capacity intern_cap, NULL when empty */
static size_t intern_cap, intern_count;
static struct intern_block *intern_blocks;

static char *intern_store(const char *s, size_t len)
{
    struct intern_block *b = intern_blocks;
    if (!b || b->size - b->used < len + 1) {
        size_t size = len + 1 > 65536 ? len + 1 : 65536;
        b = malloc(sizeof(*b) + size);
        if (!b)
            return NULL;
        b->used = 0;
        b->size = size;
        b->next = intern_blocks;
        intern_blocks = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, len);
    p[len] = '\0';
    b->used += len + 1;
    return p;
}

static int intern_rehash(void)
{
    size_t ncap = intern_cap ? intern_cap * 2 : 4096;
    const char **slots = calloc(ncap, sizeof(*slots));
    if (!slots)
        return CT_ENOMEM;
    for (size_t i = 0; i < intern_cap; i++) {
        const char *s = intern_slots[i];
        if (!s)
            continue;
        size_t j = ct_hash(CT_HASH_INIT, s, strlen(s)) & (ncap - 1);
        while (slots[j])
            j = (j + 1) & (ncap - 1);
        slots[j] = s;
    }
    free(intern_slots);
    intern_slots = slots;
    intern_cap = ncap;
    return 0;
}

const char *ct_intern_n(const char *s, size_t len)
{
    const char *result = NULL;

    if (!s)
        return NULL;
    len = strnlen(s, len); /* a string ends at its first NUL byte */
    pthread_mutex_lock(&intern_mu);
    if ((intern_count + 1) * 2 > intern_cap && intern_rehash() != 0)
        goto out;
    size_t j = ct_hash(CT_HASH_INIT, s, len) & (intern_cap - 1);
    while (intern_slots[j]) {
        const char *t = intern_slots[j];
        if (strncmp(t, s, len) == 0 && t[len] == '\0') {
            result = t;
            goto out;
        }
        j = (j + 1) & (intern_cap - 1);
    }
    result = intern_store(s, len);
    if (result) {
        intern_slots[j] = result;
        intern_count++;
    }
out:
    pthread_mutex_unlock(&intern_mu);
    return result;
}

const char *ct_intern(const char *s)
{
    return s ? ct_intern_n(s, strlen(s)) : NULL;
}

const char *ct_path_fold(const char *dir, const char *name)
{
    char buf[4096], out[4096];
    size_t len = 0;

    if (name[0] != '/' && !(dir && dir[0] == '/'))
        return ct_intern(name); /* nothing absolute to start from */
    int n = name[0] != '/' ? snprintf(buf, sizeof(buf), "%s/%s", dir, name)
                           : snprintf(buf, sizeof(buf), "%s", name);
    if (n < 0 || (size_t)n >= sizeof(buf))
        return NULL;
    for (const char *src = buf; *src;) {
        while (*src == '/')
            src++;
        const char *end = strchr(src, '/');
        size_t seg = end ? (size_t)(end - src) : strlen(src);
        if (seg == 0)
            break;
        if (seg == 2 && src[0] == '.' && src[1] == '.') {
            while (len > 0 && out[len - 1] != '/')
                len--;
            if (len > 0)
                len--; /* /.. stays / */
        } else if (!(seg == 1 && src[0] == '.')) {
            out[len++] = '/';
            memcpy(out + len, src, seg);
            len += seg;
        }
        src += seg;
    }
    if (len == 0)
        out[len++] = '/';
    return ct_intern_n(out, len);
}

void ct_intern_shutdown(void)
{
    pthread_mutex_lock(&intern_mu);
    while (intern_blocks) {
        struct intern_block *next = intern_blocks->next;
        free(intern_blocks);
        intern_blocks = next;
    }
    free(intern_slots);
    intern_slots = NULL;
    intern_cap = intern_count = 0;
    pthread_mutex_unlock(&intern_mu);
}
