/* ct.h - what every crosstask module shares: error codes, the error record, version, a
 * growable-array helper and the string interner.
 *
 * Library code returns 0 or a negative CT_E* code and may fill a struct ct_error with context.
 * Nothing here prints or exits.
 */
#ifndef CT_CT_H
#define CT_CT_H

#include <stddef.h>
#include <stdbool.h>
#include <string.h>

#define CT_VERSION "0.1.0"

/* The one table of error codes: X(NAME, value, description). */
#define CT_ERRNO_MAP(X)                                                 \
    X(ENOMEM, -1, "out of memory")                                      \
    X(EIO, -2, "input/output error")                                    \
    X(ENOENT, -3, "no such file or directory")                          \
    X(EPARSE, -4, "the file could not be parsed")                       \
    X(ERULES, -5, "invalid rule pack")                                  \
    X(EUSAGE, -6, "invalid usage")                                      \
    X(EINVAL, -7, "invalid argument")                                   \
    X(EISDIR, -8, "is a directory")                                     \
    X(EBINARY, -9, "not a source file")

enum ct_errno {
#define CT__ERRNO_ENUM(name, value, text) CT_##name = (value),
    CT_ERRNO_MAP(CT__ERRNO_ENUM)
#undef CT__ERRNO_ENUM
};

/* Returns a static description of CODE ("unknown error" for codes outside the table). */
const char *ct_strerror(int code);

/* Context for an error. FILE is borrowed: it points at a path the caller passed in and stays
 * valid as long as that string does. LINE and COL are 1-based, 0 when unknown. MSG says what
 * is wrong, including a key path for rule packs (scopes[2].enter[0].call). */
struct ct_error {
    int code;          /* a CT_E* code, 0 when no error was recorded */
    const char *file;  /* the file concerned, or NULL */
    unsigned line;     /* 1-based line, 0 if unknown */
    unsigned col;      /* 1-based column, 0 if unknown */
    char msg[256];     /* human-readable detail, lower-case, no trailing period */
};

/* Fills ERR (if not NULL) with CODE, FILE, LINE, COL and a printf-style message; returns CODE
 * so a caller can write `return ct_error_set(err, CT_ERULES, ...)`. */
int ct_error_set(struct ct_error *err, int code, const char *file, unsigned line, unsigned col,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Grows *ITEMS (of *CAP elements of SIZE bytes) so that it holds at least NEED elements.
 * Returns 0 or CT_ENOMEM (then *ITEMS is unchanged). */
int ct_grow(void **items, size_t *cap, size_t need, size_t size);

/* Adds one zeroed element at the end of the array (ARR, N, CAP) and evaluates to a pointer to it,
 * or NULL when out of memory. ARR is a pointer variable, N and CAP size_t variables. */
#define CT_PUSH(arr, n, cap)                                                                  \
    (ct_grow((void **)&(arr), &(cap), (n) + 1, sizeof(*(arr))) == 0                            \
         ? (memset(&(arr)[(n)], 0, sizeof(*(arr))), &(arr)[(n)++])                             \
         : NULL)

/* Returns the interned copy of the LEN bytes at S (not NUL-terminated necessarily): equal strings
 * give the same pointer, so interned strings compare with ==. The copy lives until
 * ct_intern_shutdown(); NULL when out of memory. Thread-safe. */
const char *ct_intern_n(const char *s, size_t len);

/* ct_intern_n for a NUL-terminated string; NULL in gives NULL out. */
const char *ct_intern(const char *s);

/* Frees every interned string. Call once, at the very end, when no thread uses them. */
void ct_intern_shutdown(void);

/* NAME made absolute against DIR (an absolute directory; unused when NAME is absolute), with
 * empty, . and .. segments folded (a symbolic link is not resolved). Returns it interned; NAME
 * interned as it is when neither is absolute; NULL when it is too long or memory runs out. */
const char *ct_path_fold(const char *dir, const char *name);

/* A fast non-cryptographic hash of LEN bytes, continuing from H (start with CT_HASH_INIT): the
 * same pieces in the same order give the same value (for tables, keys, checksums). */
#define CT_HASH_INIT 14695981039346656037ULL
unsigned long long ct_hash(unsigned long long h, const void *data, size_t len);

#endif
