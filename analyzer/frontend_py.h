/* frontend_py.h - the Python frontend (frontend_py.c): one module in, facts out, through
 * tree-sitter and the tree-sitter-python grammar. It sits beside the C frontend (frontend.h) and
 * writes the same facts; nothing it returns refers to tree-sitter. */
#ifndef CT_FRONTEND_PY_H
#define CT_FRONTEND_PY_H

#include <stdbool.h>
#include "ct.h"
#include "facts.h"

/* A Python parser: owns one tree-sitter parser. One per worker thread; not shared. */
struct ct_pyfrontend;

/* Returns a new Python frontend; free with ct_pyfrontend_free(). NULL when out of memory or when
 * the tree-sitter runtime refuses the grammar's ABI. */
struct ct_pyfrontend *ct_pyfrontend_new(void);

/* Frees FE. Accepts NULL. */
void ct_pyfrontend_free(struct ct_pyfrontend *fe);

/* Whether FILE is a Python source by its name (.py, .pyi, .pyw). */
bool ct_is_python_file(const char *file);

/* The dotted module name of FILE: its name without .py, prefixed by each enclosing folder that
 * holds an __init__.py ("pkg/sub/mod.py" -> "pkg.sub.mod"; "pkg/__init__.py" -> "pkg").
 * Returns an interned string, or NULL when out of memory. */
const char *ct_python_module_name(const char *file);

/* Parses the Python module FILE and lowers its module code, functions, methods, nested functions
 * and lambdas to facts. On success returns 0 and stores in *OUT new facts (free with
 * ct_tu_facts_free()); syntax errors are recorded in (*OUT)->errors and the rest of the module is
 * still lowered (tree-sitter recovers around them). Returns CT_ENOENT, CT_EISDIR, CT_EBINARY,
 * CT_EIO or CT_ENOMEM with ERR saying what is wrong, and then *OUT is NULL. */
int ct_pyfrontend_parse(struct ct_pyfrontend *fe, const char *file, struct ct_tu_facts **out,
                        struct ct_error *err);

#endif
