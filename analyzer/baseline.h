/* baseline.h - baselines (--write-baseline, --baseline): today's findings recorded by fingerprint,
 * so that a later run reports only what is new, and code that moves does not bring old findings
 * back (DESIGN.md "Suppressions and baselines").
 *
 * The file is JSON:
 *     {"tool": "crosstask", "version": 1,
 *      "findings": [{"fingerprint": "...", "rule": "...", "file": "...", "message": "..."}]}
 * Only "fingerprint" is read back; the rest is there for people reading the file. Fingerprints
 * are those of ct_report_fingerprints (the same as SARIF's partialFingerprints).
 */
#ifndef CT_BASELINE_H
#define CT_BASELINE_H

#include "findings.h"

/* Records every finding of REPORT in the baseline file PATH, replacing it atomically (written to
 * a temporary file in the same directory, flushed to disk, then renamed over PATH). Source lines
 * are read through SRC (NULL: a cache is made for the call). Returns 0, CT_ENOMEM, or CT_EIO with
 * ERR (may be NULL) naming PATH and what failed; on error PATH is left as it was. */
int ct_baseline_write(const struct ct_report *report, struct ct_source_cache *src,
                      const char *path, struct ct_error *err);

/* Loads the baseline file PATH and removes from REPORT every finding whose fingerprint it holds;
 * *REMOVED (may be NULL) is how many. Fingerprints are computed on REPORT as it is before the
 * call, as when the baseline was written. Returns 0; CT_ENOENT when PATH does not exist;
 * CT_EISDIR when it is a directory; CT_EIO when it cannot be read; CT_EINVAL when it is not a
 * crosstask baseline (malformed JSON, with its line:col; another tool's file; an unknown
 * version; a wrong type, with its key path such as findings[3].fingerprint); CT_ENOMEM. ERR (may
 * be NULL) names PATH and says what is wrong. On error REPORT is unchanged. */
int ct_baseline_filter(struct ct_report *report, struct ct_source_cache *src, const char *path,
                       size_t *removed, struct ct_error *err);

#endif
