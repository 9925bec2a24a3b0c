/* frontend_deps.h - what one parsed translation unit depends on, for the cache and for facts
 * files: every file it read, and every path where the preprocessor looked a header up without
 * finding it (a header created there later would change the parse). Internal to the libclang
 * frontend (frontend*.c). */
#ifndef CT_FRONTEND_DEPS_H
#define CT_FRONTEND_DEPS_H

#include "ct.h"
#include "facts.h"

struct CXTranslationUnitImpl;

/* What one parsing thread remembers between translation units: the spelling of each #include
 * directive it has read, and which candidate paths exist. Not shared between threads. */
struct ct_deps_memo;

/* A new memo (free with ct_deps_memo_free()), or NULL when out of memory. */
struct ct_deps_memo *ct_deps_memo_new(void);
void ct_deps_memo_free(struct ct_deps_memo *memo);

/* Fills FACTS->deps (the main file and every file the translation unit TU read) and
 * FACTS->absent (the paths a header was looked up at and not found: for each #include, the
 * directories of the search tried before the one where the header was found; for a missing
 * header, every directory of the search), both interned and owned by FACTS' arena. FILE and
 * ARGS[0..NARGS) are what TU was parsed from; INDEX is the CXIndex that parsed it (used once per
 * run and kind of flags, to learn the compiler's default include directories). Returns 0 or
 * CT_ENOMEM. */
int ct_deps_collect(struct ct_deps_memo *memo, void *index, struct CXTranslationUnitImpl *tu,
                    const char *file, const char *const *args, int nargs,
                    struct ct_tu_facts *facts);

#endif
