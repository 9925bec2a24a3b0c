/* fuzz_suppress.c - libFuzzer target: the NOLINT comment parser must take any source bytes
 * (unterminated comments and strings, NUL bytes, odd rule lists) without a crash or a leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "suppress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/crosstask-fuzz-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);

    struct ct_report report;
    struct ct_error err;
    ct_report_init(&report);
    /* one finding on each of the first lines, so that suppressions have something to match */
    const char *file = ct_intern(path);
    for (unsigned line = 1; line <= 4; line++) {
        struct ct_finding *f = realloc(report.findings, (report.nfindings + 1) * sizeof(*f));
        if (!f)
            break;
        report.findings = f;
        f = &report.findings[report.nfindings++];
        memset(f, 0, sizeof(*f));
        f->diag = CT_DIAG_CROSS_TASK_EXIT;
        f->message = strdup("fuzz");
        f->resource = strdup("m");
        f->loc.file = file;
        f->loc.line = line;
        f->loc.col = 1;
    }
    const char *files[] = {path};
    memset(&err, 0, sizeof(err));
    (void)ct_suppress_apply(&report, files, 1, &err);
    ct_report_fini(&report);
    unlink(path);
    return 0;
}
