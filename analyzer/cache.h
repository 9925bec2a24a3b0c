/* cache.h - per-translation-unit facts kept on disk between runs, so that a run where nothing
 * changed parses nothing and a pre-commit run after one edit parses one file.
 *
 * An entry is keyed by the file, its flags and crosstask's build, and records every file the
 * translation unit read (size, modification time, content hash) and every path where a header
 * was looked up and not found (grouped by the nearest existing directory and its modification
 * time): it is reused only while the files are unchanged and the paths still absent. A file or
 * directory changed within 2 s of the entry's writing is checked in full on every run. Entries are written atomically; a corrupt, truncated or foreign entry is
 * treated as absent and rewritten. Facts do not depend on the rule packs, so editing a pack
 * reuses the cache. */
#ifndef CT_CACHE_H
#define CT_CACHE_H

#include "ct.h"
#include "facts.h"

struct ct_cache;

/* Opens (creating it and its parents if needed) the cache directory DIR. Returns 0 and a new
 * cache in *OUT (free with ct_cache_close()), or CT_EIO when DIR cannot be created or written,
 * or CT_ENOMEM, with ERR saying why. */
int ct_cache_open(struct ct_cache **out, const char *dir, struct ct_error *err);

/* Sets what else entries depend on (the build of crosstask that wrote them: a rebuilt binary
 * must not reuse facts an older frontend made). */
void ct_cache_set_salt(struct ct_cache *cache, unsigned long long salt);

/* Frees CACHE. Accepts NULL. */
void ct_cache_close(struct ct_cache *cache);

/* The default cache directory: $XDG_CACHE_HOME/crosstask, else $HOME/.cache/crosstask. A new
 * string (free with free()), or NULL when neither variable is set. */
char *ct_cache_default_dir(void);

/* Looks up the facts of FILE parsed with ARGV[0..ARGC). Returns 0 with new facts in *OUT (free
 * with ct_tu_facts_free()) when a valid entry exists and every file it depends on is unchanged
 * (each file is looked at once per ct_cache_open: files are taken not to change during a run);
 * CT_ENOENT otherwise (absent, stale, corrupt or foreign); CT_ENOMEM. Thread-safe. */
int ct_cache_load(struct ct_cache *cache, const char *file, const char *const *argv, int argc,
                  struct ct_tu_facts **out);

/* ct_cache_load that also sets *SUM (when not NULL) to the entry's checksum, as ct_cache_check. */
int ct_cache_load_sum(struct ct_cache *cache, const char *file, const char *const *argv, int argc,
                      struct ct_tu_facts **out, unsigned long long *sum);

/* Like ct_cache_load, but only checks that the entry is current, reading its header and the
 * files it depends on, not its facts (neither decoded nor checked against the checksum: a
 * corrupt entry is refused when ct_cache_load reads it): returns 0 and sets *SUM to the entry's
 * checksum (which changes whenever the entry does), or CT_ENOENT / CT_ENOMEM. */
int ct_cache_check(struct ct_cache *cache, const char *file, const char *const *argv, int argc,
                   unsigned long long *sum);

/* Whole-program results, stored as opaque bytes under KEY (the caller hashes everything they
 * depend on into it). Load returns 0 with a new buffer in *DATA (free with free()), CT_ENOENT
 * when absent or corrupt, or CT_ENOMEM; store writes atomically and returns 0, CT_EIO (with
 * ERR) or CT_ENOMEM. */
int ct_cache_load_blob(struct ct_cache *cache, unsigned long long key, unsigned char **data,
                       size_t *len);
int ct_cache_store_blob(struct ct_cache *cache, unsigned long long key, const unsigned char *data,
                        size_t len, struct ct_error *err);

/* Stores FACTS for FILE and ARGV, atomically. Returns 0, CT_EIO (with ERR) or CT_ENOMEM.
 * Thread-safe. */
int ct_cache_store(struct ct_cache *cache, const char *file, const char *const *argv, int argc,
                   const struct ct_tu_facts *facts, struct ct_error *err);

/* ct_cache_store that also sets *SUM (when not NULL) to the checksum of the entry written (left
 * alone when nothing was written: a dependency vanished meanwhile). Returns 1 instead of 0 when
 * the entry was written and *SUM set. */
int ct_cache_store_sum(struct ct_cache *cache, const char *file, const char *const *argv, int argc,
                       const struct ct_tu_facts *facts, unsigned long long *sum,
                       struct ct_error *err);

/* Serialises FACTS into a new buffer (*DATA, *LEN; free with free()). Returns 0 or CT_ENOMEM. */
int ct_facts_encode(const struct ct_tu_facts *facts, unsigned char **data, size_t *len);

/* Rebuilds facts from LEN bytes at DATA. Returns 0 with new facts in *OUT, CT_EINVAL when the
 * bytes are not a whole, valid encoding, or CT_ENOMEM. */
int ct_facts_decode(const unsigned char *data, size_t len, struct ct_tu_facts **out);

/* --- facts files: one translation unit's facts as a build output (--emit-facts, --facts) --- */

/* The facts file format this crosstask writes and reads. */
unsigned ct_facts_file_format(void);

/* Writes FACTS to PATH (a header with the format version, the facts, a checksum), atomically.
 * Returns 0, CT_EIO (with ERR naming PATH) or CT_ENOMEM. */
int ct_facts_write_file(const char *path, const struct ct_tu_facts *facts, struct ct_error *err);

/* Reads the facts file PATH. Returns 0 with new facts in *OUT (free with ct_tu_facts_free());
 * CT_EIO when it cannot be read, CT_EINVAL when it is not a facts file, is of another format
 * version or is corrupt (ERR names PATH and says which), or CT_ENOMEM. */
int ct_facts_read_file(const char *path, struct ct_tu_facts **out, struct ct_error *err);

#endif
