/* report.h - the reporters: the only code that formats findings (text, JSON). They write to a
 * FILE the caller opened; they never decide exit status. */
#ifndef CT_REPORT_H
#define CT_REPORT_H

#include <stdio.h>
#include "analysis.h"

/* Writes REPORT in the compiler-style text format to OUT (findings) and ERRS (errors).
 * Returns 0 or CT_EIO. */
int ct_report_write_text(const struct ct_report *report, FILE *out, FILE *errs);

/* Writes REPORT as one JSON document to OUT. Returns 0, CT_ENOMEM or CT_EIO. */
int ct_report_write_json(const struct ct_report *report, FILE *out);

#endif
