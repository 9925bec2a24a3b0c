/* compdb.h - compilation databases (compile_commands.json) through libclang's
 * CXCompilationDatabase: which files make up the program and the flags of each. */
#ifndef CT_COMPDB_H
#define CT_COMPDB_H

#include <stddef.h>
#include "ct.h"

/* One translation unit of the database. */
struct ct_compile_cmd {
    char *file;        /* the file as the database names it, made absolute; owned */
    char *directory;   /* the entry's working directory; owned */
    int argc;
    char **argv;       /* flags for libclang: compiler, -c, -o and the file itself removed,
                        * -working-directory DIR first; owned */
    unsigned config;   /* 0 for a file's first entry, k for its k+1-th distinct set of flags */
    unsigned nconfigs; /* how many distinct sets of flags the database gives this file */
};

/* A loaded database. Caller storage: ct_compdb_init / ct_compdb_fini. */
struct ct_compdb {
    char *path;                   /* the compile_commands.json read; owned */
    size_t ncmds;
    struct ct_compile_cmd *cmds;  /* one per entry, in database order: an entry with the file
                                   * and flags of an earlier one is dropped; the same file with
                                   * other flags (a static and a shared build) is kept */
    unsigned nconfigs;            /* the most distinct sets of flags of one file (at least 1) */
    size_t nskipped;
    char **skipped;               /* entries that are not C or C++ (assembly, ...); owned */
};

/* Distinct sets of flags kept for one file; a further one is dropped. */
#define CT_COMPDB_MAX_CONFIGS 4

void ct_compdb_init(struct ct_compdb *db);
void ct_compdb_fini(struct ct_compdb *db);

/* Loads DIR/compile_commands.json into DB. Returns 0, CT_ENOENT (no such file), CT_EINVAL (not a
 * valid database: malformed JSON, wrong shape, or no entries) or CT_ENOMEM, with ERR naming the
 * file and what is wrong. */
int ct_compdb_load(struct ct_compdb *db, const char *dir, struct ct_error *err);

/* Looks for compile_commands.json in the directory of FILE and each parent, then in a build/
 * folder beside each of them, as clang-tidy does. Returns a new string with the directory that
 * holds it (free with free()), or NULL. */
char *ct_compdb_find(const char *file);

/* The entry for FILE (any path to it), or NULL. Borrowed from DB. */
const struct ct_compile_cmd *ct_compdb_lookup(const struct ct_compdb *db, const char *file);

/* FILE made absolute against DIR (FILE itself when absolute) with "." and ".." folded, as the
 * database's entries are: a new string (free with free()), or NULL when out of memory. */
char *ct_compdb_absolute(const char *dir, const char *file);

#endif
