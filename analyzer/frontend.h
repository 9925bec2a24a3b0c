/* frontend.h - the C and C++ frontend (frontend_c.c): one translation unit in, facts out, through
 * libclang. Other frontends (one per language) sit beside it and write the same facts. The only
 * module besides compdb that sees libclang; nothing it returns refers to libclang. */
#ifndef CT_FRONTEND_H
#define CT_FRONTEND_H

#include "ct.h"
#include "facts.h"

/* A parser: owns one libclang index. One per worker thread; not shared between threads. */
struct ct_frontend;

/* Returns a new frontend; free with ct_frontend_free(). NULL when out of memory. */
struct ct_frontend *ct_frontend_new(void);

/* Frees FE and its index. Accepts NULL. */
void ct_frontend_free(struct ct_frontend *fe);

/* Parses FILE with the compiler flags ARGS[0..NARGS) and lowers every function defined outside
 * system headers to facts. On success returns 0 and stores in *OUT new facts (free with
 * ct_tu_facts_free()); errors clang reported (a syntax error, a missing header) are recorded in
 * (*OUT)->errors and the rest of the file is still lowered. Returns CT_ENOENT (no such file),
 * CT_EISDIR, CT_EBINARY (the file holds NUL bytes), CT_EPARSE (libclang could not build any AST)
 * or CT_ENOMEM, with ERR saying what is wrong, and then *OUT is NULL. */
int ct_frontend_parse(struct ct_frontend *fe, const char *file, const char *const *args,
                      int nargs, struct ct_tu_facts **out, struct ct_error *err);

#endif
