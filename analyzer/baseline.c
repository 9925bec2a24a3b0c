/* baseline.c - writing and applying baseline files (baseline.h): the findings of a run recorded by
 * fingerprint, written atomically, and later runs' reports filtered by them.
 *
 * Reads and writes only the baseline file it is given (and its temporary sibling); must never
 * print or exit. cJSON trees live only inside the two public functions.
 */
#include <cjson/cJSON.h>

#include "baseline.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BASELINE_TOOL "crosstask"
#define BASELINE_VERSION 1

/* --- writing ----------------------------------------------------------------------------- */

static int add(cJSON *obj, const char *key, cJSON *item)
{
    if (!item)
        return CT_ENOMEM;
    if (!cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        return CT_ENOMEM;
    }
    return 0;
}

/* A JSON string of S repaired to UTF-8, or null for NULL; NULL when out of memory. */
static cJSON *string_item(const char *s)
{
    char *clean;
    cJSON *item;

    if (!s)
        return cJSON_CreateNull();
    if (!(clean = ct_utf8_sanitize(s)))
        return NULL;
    item = cJSON_CreateString(clean);
    free(clean);
    return item;
}

static cJSON *baseline_document(const struct ct_report *report, char (*fps)[40])
{
    cJSON *root = cJSON_CreateObject(), *findings = NULL;
    int rc;

    if (!root)
        return NULL;
    rc = add(root, "tool", cJSON_CreateString(BASELINE_TOOL));
    if (rc == 0)
        rc = add(root, "version", cJSON_CreateNumber(BASELINE_VERSION));
    if (rc == 0)
        rc = add(root, "findings", findings = cJSON_CreateArray());
    for (size_t i = 0; rc == 0 && i < report->nfindings; i++) {
        const struct ct_finding *f = &report->findings[i];
        const struct ct_diag_info *info = ct_diag_info(f->diag);
        cJSON *item = cJSON_CreateObject();
        if (!item || !cJSON_AddItemToArray(findings, item)) {
            cJSON_Delete(item);
            rc = CT_ENOMEM;
            break;
        }
        rc = add(item, "fingerprint", string_item(fps[i]));
        if (rc == 0)
            rc = add(item, "rule", string_item(info ? info->name : NULL));
        if (rc == 0)
            rc = add(item, "file", string_item(f->loc.file));
        if (rc == 0)
            rc = add(item, "message", string_item(f->message));
    }
    if (rc != 0) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

/* Flushes the directory holding PATH, so that a rename in it survives a crash. Best effort: some
 * file systems refuse fsync on directories. */
static void sync_parent_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir;
    int fd;

    if (!slash)
        dir = strdup(".");
    else if (slash == path)
        dir = strdup("/");
    else
        dir = strndup(path, (size_t)(slash - path));
    if (!dir)
        return;
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

/* Opens a new temporary file next to PATH (PATH.tmp-PID-N, created exclusively, mode 0666 less
 * the umask, like any new file). *TMP is its name (free()). Returns the stream or NULL with
 * errno set (ENOMEM when out of memory). */
static FILE *open_temp(const char *path, char **tmp)
{
    size_t size = strlen(path) + 64;
    FILE *fp;
    int fd = -1;

    *tmp = malloc(size);
    if (!*tmp) {
        errno = ENOMEM;
        return NULL;
    }
    for (unsigned n = 0; n < 100; n++) {
        snprintf(*tmp, size, "%s.tmp-%ld-%u", path, (long)getpid(), n);
        fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            break;
    }
    if (fd < 0) {
        int saved = errno;
        free(*tmp);
        *tmp = NULL;
        errno = saved;
        return NULL;
    }
    if (!(fp = fdopen(fd, "w"))) {
        int saved = errno;
        close(fd);
        unlink(*tmp);
        free(*tmp);
        *tmp = NULL;
        errno = saved;
    }
    return fp;
}

int ct_baseline_write(const struct ct_report *report, struct ct_source_cache *src,
                      const char *path, struct ct_error *err)
{
    char(*fps)[40] = NULL;
    cJSON *root = NULL;
    char *tmp = NULL;
    FILE *fp = NULL;
    int rc = 0, saved;

    if (report->nfindings > 0 && !(fps = calloc(report->nfindings, sizeof(*fps))))
        rc = CT_ENOMEM;
    if (rc == 0)
        rc = ct_report_fingerprints(report, src, fps);
    if (rc == 0 && !(root = baseline_document(report, fps)))
        rc = CT_ENOMEM;
    if (rc != 0) {
        ct_error_set(err, rc, path, 0, 0, "cannot write the baseline: %s", ct_strerror(rc));
        goto out;
    }
    if (!(fp = open_temp(path, &tmp))) {
        saved = errno;
        rc = ct_error_set(err, saved == ENOMEM ? CT_ENOMEM : CT_EIO, path, 0, 0,
                          "cannot write the baseline: cannot create a temporary file next to "
                          "it: %s", strerror(saved));
        goto out;
    }
    errno = 0;
    rc = ct__json_write(root, fp);
    if (rc == 0 && (putc('\n', fp) == EOF || fflush(fp) != 0 || ferror(fp)))
        rc = CT_EIO;
    saved = errno;
    if (rc == 0 && fsync(fileno(fp)) != 0) {
        saved = errno;
        rc = CT_EIO;
    }
    if (fclose(fp) != 0 && rc == 0) {
        saved = errno;
        rc = CT_EIO;
    }
    fp = NULL;
    if (rc != 0) {
        ct_error_set(err, rc, path, 0, 0, "cannot write the baseline: %s",
                     rc == CT_EIO && saved ? strerror(saved) : ct_strerror(rc));
        unlink(tmp);
        goto out;
    }
    if (rename(tmp, path) != 0) {
        saved = errno;
        rc = ct_error_set(err, CT_EIO, path, 0, 0, "cannot write the baseline: %s",
                          strerror(saved));
        unlink(tmp);
        goto out;
    }
    sync_parent_dir(path);
out:
    free(tmp);
    cJSON_Delete(root);
    free(fps);
    return rc;
}

/* --- reading ----------------------------------------------------------------------------- */

/* Reads PATH whole into *TEXT (free()), *LEN bytes. Returns 0 or a CT_E* code with ERR set. */
static int read_file(const char *path, char **text, size_t *len, struct ct_error *err)
{
    FILE *fp = fopen(path, "rb");
    size_t cap = 0, n;
    char *buf = NULL, *p;
    struct stat st;
    int rc = 0;

    *text = NULL;
    *len = 0;
    if (!fp) {
        if (errno == ENOENT)
            return ct_error_set(err, CT_ENOENT, path, 0, 0, "no such baseline file");
        return ct_error_set(err, CT_EIO, path, 0, 0, "cannot read the baseline: %s",
                            strerror(errno));
    }
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(fp);
        return ct_error_set(err, CT_EISDIR, path, 0, 0,
                            "the baseline is a directory, not a baseline file");
    }
    for (;;) {
        if (cap - *len < 4096 + 1) {
            size_t ncap = cap ? cap * 2 : 8192;
            if (ncap < cap || !(p = realloc(buf, ncap))) {
                rc = ct_error_set(err, CT_ENOMEM, path, 0, 0, "cannot read the baseline: %s",
                                  ct_strerror(CT_ENOMEM));
                goto out;
            }
            buf = p;
            cap = ncap;
        }
        n = fread(buf + *len, 1, cap - *len - 1, fp);
        *len += n;
        if (n == 0)
            break;
    }
    if (ferror(fp)) {
        rc = ct_error_set(err, CT_EIO, path, 0, 0, "cannot read the baseline: %s",
                          strerror(errno));
        goto out;
    }
    buf[*len] = '\0';
    *text = buf;
    buf = NULL;
out:
    free(buf);
    fclose(fp);
    return rc;
}

/* 1-based line and column of byte offset OFF of TEXT. */
static void line_col(const char *text, size_t off, unsigned *line, unsigned *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off && text[i]; i++) {
        if (text[i] == '\n') {
            ++*line;
            *col = 1;
        } else {
            ++*col;
        }
    }
}

static int cmp_str_ptr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The fingerprints of the baseline in TEXT, sorted, in *FPS (borrowed from *ROOT: cJSON_Delete
 * it after use). Returns 0 or CT_EINVAL / CT_ENOMEM with ERR set. */
static int parse_baseline(const char *path, const char *text, size_t len, cJSON **root,
                          const char ***fps, size_t *nfps, struct ct_error *err)
{
    const char *end = NULL;
    const cJSON *tool, *version, *findings, *item;
    size_t i = 0;

    *fps = NULL;
    *nfps = 0;
    *root = cJSON_ParseWithLengthOpts(text, len, &end, false);
    if (!*root) {
        unsigned line, col;
        if (!end)
            return ct_error_set(err, CT_ENOMEM, path, 0, 0, "cannot read the baseline: %s",
                                ct_strerror(CT_ENOMEM));
        line_col(text, (size_t)(end - text), &line, &col);
        return ct_error_set(err, CT_EINVAL, path, line, col,
                            "not a crosstask baseline: malformed JSON");
    }
    if ((size_t)(end - text) < len) {
        const char *p = end;
        while ((size_t)(p - text) < len && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            p++;
        if ((size_t)(p - text) < len) {
            unsigned line, col;
            line_col(text, (size_t)(p - text), &line, &col);
            return ct_error_set(err, CT_EINVAL, path, line, col,
                                "not a crosstask baseline: text after the JSON document");
        }
    }
    if (!cJSON_IsObject(*root))
        return ct_error_set(err, CT_EINVAL, path, 0, 0,
                            "not a crosstask baseline: expected a JSON object");
    tool = cJSON_GetObjectItemCaseSensitive(*root, "tool");
    if (!cJSON_IsString(tool) || strcmp(tool->valuestring, BASELINE_TOOL) != 0)
        return ct_error_set(err, CT_EINVAL, path, 0, 0,
                            "not a crosstask baseline: \"tool\" is not \"" BASELINE_TOOL "\" "
                            "(write one with --write-baseline)");
    version = cJSON_GetObjectItemCaseSensitive(*root, "version");
    if (!cJSON_IsNumber(version))
        return ct_error_set(err, CT_EINVAL, path, 0, 0,
                            "not a crosstask baseline: \"version\" is missing or not a number");
    if (version->valuedouble != BASELINE_VERSION)
        return ct_error_set(err, CT_EINVAL, path, 0, 0,
                            "baseline version %g is not supported (this crosstask reads "
                            "version %d); write it again with --write-baseline",
                            version->valuedouble, BASELINE_VERSION);
    findings = cJSON_GetObjectItemCaseSensitive(*root, "findings");
    if (!cJSON_IsArray(findings))
        return ct_error_set(err, CT_EINVAL, path, 0, 0,
                            "not a crosstask baseline: \"findings\" is missing or not an array");
    *nfps = (size_t)cJSON_GetArraySize(findings);
    if (*nfps > 0 && !(*fps = calloc(*nfps, sizeof(**fps))))
        return ct_error_set(err, CT_ENOMEM, path, 0, 0, "cannot read the baseline: %s",
                            ct_strerror(CT_ENOMEM));
    cJSON_ArrayForEach(item, findings) {
        const cJSON *fp = cJSON_GetObjectItemCaseSensitive(item, "fingerprint");
        if (!cJSON_IsObject(item))
            return ct_error_set(err, CT_EINVAL, path, 0, 0,
                                "not a crosstask baseline: findings[%zu] is not an object", i);
        if (!cJSON_IsString(fp) || fp->valuestring[0] == '\0')
            return ct_error_set(err, CT_EINVAL, path, 0, 0,
                                "not a crosstask baseline: findings[%zu].fingerprint is missing "
                                "or not a non-empty string", i);
        (*fps)[i++] = fp->valuestring;
    }
    if (*nfps > 1)
        qsort(*fps, *nfps, sizeof(**fps), cmp_str_ptr);
    return 0;
}

/* Frees what REPORT owns of F (mirrors finding_fini in findings.c). */
static void finding_release(struct ct_finding *f)
{
    free(f->message);
    free(f->resource);
    for (size_t i = 0; i < f->ntrace; i++)
        free(f->trace[i].message);
    free(f->trace);
    memset(f, 0, sizeof(*f));
}

int ct_baseline_filter(struct ct_report *report, struct ct_source_cache *src, const char *path,
                       size_t *removed, struct ct_error *err)
{
    char(*fps)[40] = NULL;
    const char **known = NULL;
    size_t len, nknown = 0, kept = 0;
    cJSON *root = NULL;
    char *text = NULL;
    int rc;

    if (removed)
        *removed = 0;
    if ((rc = read_file(path, &text, &len, err)) != 0)
        goto out;
    if ((rc = parse_baseline(path, text, len, &root, &known, &nknown, err)) != 0)
        goto out;
    if (report->nfindings > 0 && !(fps = calloc(report->nfindings, sizeof(*fps)))) {
        rc = ct_error_set(err, CT_ENOMEM, path, 0, 0, "cannot apply the baseline: %s",
                          ct_strerror(CT_ENOMEM));
        goto out;
    }
    if ((rc = ct_report_fingerprints(report, src, fps)) != 0) {
        ct_error_set(err, rc, path, 0, 0, "cannot apply the baseline: %s", ct_strerror(rc));
        goto out;
    }
    for (size_t i = 0; i < report->nfindings; i++) {
        const char *key = fps[i];
        if (nknown > 0 && bsearch(&key, known, nknown, sizeof(*known), cmp_str_ptr)) {
            finding_release(&report->findings[i]);
            continue;
        }
        if (kept != i)
            report->findings[kept] = report->findings[i];
        kept++;
    }
    if (removed)
        *removed = report->nfindings - kept;
    report->nfindings = kept;
out:
    free(fps);
    free(known);
    cJSON_Delete(root);
    free(text);
    return rc;
}
