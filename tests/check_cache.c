/* check_cache.c - unit tests of analyzer/cache.c: the facts encoding round-trips, entries are
 * reused only while every file they depend on is unchanged, and a corrupt, truncated, foreign
 * or stale entry is a miss, never trusted; an unwritable cache directory is an error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "suites.h"
#include "analysis.h"
#include "cache.h"
#include "frontend.h"

static const char *const flags[] = {"-std=c11", "-pthread"};
#define NFLAGS 2

static const char *const program =
    "#include <pthread.h>\n"
    "#include \"helper.h\"\n"
    "static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;\n"
    "struct ops { void (*release)(void); };\n"
    "static void release(void) { pthread_mutex_unlock(&g_lock); }\n"
    "static const struct ops g_ops = { .release = release };\n"
    "static void *worker(void *arg) { (void)arg; g_ops.release(); return 0; }\n"
    "int main(void) {\n"
    "    pthread_t t;\n"
    "    if (pthread_mutex_trylock(&g_lock) != 0) return 1;\n"
    "    for (int i = 0; i < HELPER_N; i++) { if (i) continue; }\n"
    "    pthread_create(&t, 0, worker, 0);\n"
    "    pthread_join(t, 0);\n"
    "    return 0;\n"
    "}\n";

struct fixture {
    char dir[64];
    char src[128];
    char header[128];
    char cache[128];
};

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    ck_assert_int_eq(fclose(fp), 0);
}

static void fixture_make(struct fixture *fx)
{
    snprintf(fx->dir, sizeof(fx->dir), "/tmp/ct_cache_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(fx->dir));
    snprintf(fx->src, sizeof(fx->src), "%s/main.c", fx->dir);
    snprintf(fx->header, sizeof(fx->header), "%s/helper.h", fx->dir);
    snprintf(fx->cache, sizeof(fx->cache), "%s/cache/nested", fx->dir);
    write_file(fx->header, "#define HELPER_N 3\n");
    write_file(fx->src, program);
}

static void fixture_remove(struct fixture *fx)
{
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->dir);
    ck_assert_int_eq(system(cmd), 0);
}

static struct ct_tu_facts *parse(const char *path)
{
    struct ct_frontend *fe = ct_frontend_new();
    struct ct_tu_facts *facts = NULL;
    struct ct_error err;
    ck_assert_ptr_nonnull(fe);
    ck_assert_int_eq(ct_frontend_parse(fe, path, flags, NFLAGS, &facts, &err), 0);
    ct_frontend_free(fe);
    return facts;
}

/* The encoding of FACTS, as a new buffer. */
static unsigned char *encode(const struct ct_tu_facts *facts, size_t *len)
{
    unsigned char *data = NULL;
    ck_assert_int_eq(ct_facts_encode(facts, &data, len), 0);
    return data;
}

/* The one cache entry in the directory (the test writes one). */
static void entry_path(const struct fixture *fx, char *buf, size_t size)
{
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "ls '%s'/*.facts", fx->cache);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_nonnull(fgets(buf, (int)size, p));
    pclose(p);
    buf[strcspn(buf, "\n")] = '\0';
}

static struct ct_cache *open_cache(const struct fixture *fx)
{
    struct ct_cache *cache = NULL;
    struct ct_error err;
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_cache_open(&cache, fx->cache, &err), 0);
    ct_cache_set_salt(cache, 42);
    return cache;
}

START_TEST(test_facts_encoding_round_trips)
{
    struct fixture fx;
    fixture_make(&fx);
    struct ct_tu_facts *facts = parse(fx.src), *back = NULL;
    size_t len, len2;
    unsigned char *data = encode(facts, &len);
    ck_assert_int_eq(ct_facts_decode(data, len, &back), 0);
    unsigned char *again = encode(back, &len2);
    ck_assert_uint_eq(len, len2);
    ck_assert_mem_eq(data, again, len);
    ck_assert_uint_eq(back->nfunctions, facts->nfunctions);
    ck_assert_ptr_eq(back->file, facts->file);            /* interned again */
    ck_assert_uint_eq(back->ndeps, facts->ndeps);
    ck_assert_uint_ge(back->ndeps, 2);                    /* main.c and helper.h at least */
    free(data);
    free(again);
    ct_tu_facts_free(facts);
    ct_tu_facts_free(back);
    fixture_remove(&fx);
}
END_TEST

START_TEST(test_facts_decoding_refuses_every_truncation)
{
    struct fixture fx;
    fixture_make(&fx);
    struct ct_tu_facts *facts = parse(fx.src), *back = NULL;
    size_t len;
    unsigned char *data = encode(facts, &len);
    for (size_t cut = 0; cut < len; cut += 1 + cut / 16) {
        back = NULL;
        ck_assert_int_eq(ct_facts_decode(data, cut, &back), CT_EINVAL);
        ck_assert_ptr_null(back);
    }
    free(data);
    ct_tu_facts_free(facts);
    fixture_remove(&fx);
}
END_TEST

START_TEST(test_cache_hit_after_store_and_miss_for_other_flags)
{
    struct fixture fx;
    fixture_make(&fx);
    struct ct_cache *cache = open_cache(&fx);
    struct ct_tu_facts *facts = parse(fx.src), *hit = NULL;
    struct ct_error err;
    const char *other[] = {"-std=c11", "-DOTHER"};

    ck_assert_int_eq(ct_cache_load(cache, fx.src, flags, NFLAGS, &hit), CT_ENOENT);
    ck_assert_int_eq(ct_cache_store(cache, fx.src, flags, NFLAGS, facts, &err), 0);
    ck_assert_int_eq(ct_cache_load(cache, fx.src, flags, NFLAGS, &hit), 0);
    ck_assert_uint_eq(hit->nfunctions, facts->nfunctions);
    ct_tu_facts_free(hit);
    hit = NULL;
    ck_assert_int_eq(ct_cache_load(cache, fx.src, other, 2, &hit), CT_ENOENT);
    ct_cache_set_salt(cache, 43); /* another build of crosstask */
    ck_assert_int_eq(ct_cache_load(cache, fx.src, flags, NFLAGS, &hit), CT_ENOENT);
    ct_cache_close(cache);
    ct_tu_facts_free(facts);
    fixture_remove(&fx);
}
END_TEST

START_TEST(test_cache_misses_when_an_included_header_changes)
{
    struct fixture fx;
    fixture_make(&fx);
    struct ct_cache *cache = open_cache(&fx);
    struct ct_tu_facts *facts = parse(fx.src), *hit = NULL;
    struct ct_error err;
    struct timespec later[2] = {{0, UTIME_OMIT}, {0, 0}};

    ck_assert_int_eq(ct_cache_store(cache, fx.src, flags, NFLAGS, facts, &err), 0);
    /* touched but the same bytes: still a hit */
    later[1].tv_sec = time(NULL) + 100;
    ck_assert_int_eq(utimensat(AT_FDCWD, fx.header, later, 0), 0);
    ck_assert_int_eq(ct_cache_load(cache, fx.src, flags, NFLAGS, &hit), 0);
    ct_tu_facts_free(hit);
    hit = NULL;
    /* changed: a miss (in the next run: a run looks at each file once) */
    write_file(fx.header, "#define HELPER_N 4 \n");
    ct_cache_close(cache);
    cache = open_cache(&fx);
    ck_assert_int_eq(ct_cache_load(cache, fx.src, flags, NFLAGS, &hit), CT_ENOENT);
    ck_assert_ptr_null(hit);
    /* removed: a miss */
    unlink(fx.header);
    ct_cache_close(cache);
    cache = open_cache(&fx);
    ck_assert_int_eq(ct_cache_load(cache, fx.src, flags, NFLAGS, &hit), CT_ENOENT);
    ct_cache_close(cache);
    ct_tu_facts_free(facts);
    fixture_remove(&fx);
}
END_TEST

/* A header created where the preprocessor looked before finding one (or instead of finding
 * one) makes the entry a miss: the frontend lists those paths, the cache checks they stay absent. */
START_TEST(test_cache_misses_when_a_header_appears_earlier_on_the_path)
{
    struct fixture fx;
    fixture_make(&fx);
    char early[160], late[160], late_h[192], early_h[192], inc_a[192], inc_b[192];
    snprintf(early, sizeof(early), "%s/early", fx.dir);
    snprintf(late, sizeof(late), "%s/late", fx.dir);
    snprintf(late_h, sizeof(late_h), "%s/late/session_cfg.h", fx.dir);
    snprintf(early_h, sizeof(early_h), "%s/early/session_cfg.h", fx.dir);
    snprintf(inc_a, sizeof(inc_a), "-I%s", early);
    snprintf(inc_b, sizeof(inc_b), "-I%s", late);
    ck_assert_int_eq(mkdir(late, 0777), 0);
    write_file(late_h, "#define SESSION_N 1\n");
    write_file(fx.src, "#include <session_cfg.h>\n#include \"missing_cfg.h\"\n"
                       "int session_n(void) { return SESSION_N; }\n");
    const char *args[] = {"-std=c11", inc_a, inc_b};
    struct ct_frontend *fe = ct_frontend_new();
    struct ct_tu_facts *facts = NULL, *hit = NULL;
    struct ct_error err;
    ck_assert_ptr_nonnull(fe);
    ck_assert_int_eq(ct_frontend_parse(fe, fx.src, args, 3, &facts, &err), 0);
    ct_frontend_free(fe);
    ck_assert_uint_eq(facts->nerrors, 1); /* missing_cfg.h */
    bool early_listed = false, late_listed = false, missing_listed = false;
    char missing_beside[192];
    snprintf(missing_beside, sizeof(missing_beside), "%s/missing_cfg.h", fx.dir);
    for (size_t i = 0; i < facts->nabsent; i++) {
        early_listed |= strcmp(facts->absent[i], early_h) == 0;
        late_listed |= strcmp(facts->absent[i], late_h) == 0;
        missing_listed |= strcmp(facts->absent[i], missing_beside) == 0;
    }
    ck_assert(early_listed);    /* searched before late/, where it was found */
    ck_assert(!late_listed);    /* found there: a dependency, not an absent path */
    ck_assert(missing_listed);  /* #include "x" looks beside the includer first */

    struct ct_cache *cache = open_cache(&fx);
    ck_assert_int_eq(ct_cache_store(cache, fx.src, args, 3, facts, &err), 0);
    ck_assert_int_eq(ct_cache_load(cache, fx.src, args, 3, &hit), 0);
    ck_assert_uint_eq(hit->nabsent, facts->nabsent);
    ct_tu_facts_free(hit);
    hit = NULL;
    /* the directory appears, then the header in it: a miss */
    ck_assert_int_eq(mkdir(early, 0777), 0);
    ct_cache_close(cache);
    cache = open_cache(&fx);
    ck_assert_int_eq(ct_cache_load(cache, fx.src, args, 3, &hit), 0); /* an empty directory */
    ct_tu_facts_free(hit);
    hit = NULL;
    write_file(early_h, "#define SESSION_N 2\n");
    ct_cache_close(cache);
    cache = open_cache(&fx);
    ck_assert_int_eq(ct_cache_load(cache, fx.src, args, 3, &hit), CT_ENOENT);
    unlink(early_h);
    /* the missing header is installed beside the source: a miss */
    write_file(missing_beside, "\n");
    ct_cache_close(cache);
    cache = open_cache(&fx);
    ck_assert_int_eq(ct_cache_load(cache, fx.src, args, 3, &hit), CT_ENOENT);
    ct_cache_close(cache);
    ct_tu_facts_free(facts);
    fixture_remove(&fx);
}
END_TEST

START_TEST(test_cache_entry_corrupt_truncated_or_foreign_is_a_miss)
{
    struct fixture fx;
    fixture_make(&fx);
    struct ct_cache *cache = open_cache(&fx);
    struct ct_tu_facts *facts = parse(fx.src), *hit = NULL;
    struct ct_error err;
    char entry[512];
    struct stat sb;

    ck_assert_int_eq(ct_cache_store(cache, fx.src, flags, NFLAGS, facts, &err), 0);
    entry_path(&fx, entry, sizeof(entry));
    ck_assert_int_eq(stat(entry, &sb), 0);

    /* one byte flipped in the middle */
    FILE *fp = fopen(entry, "r+b");
    ck_assert_ptr_nonnull(fp);
    fseek(fp, sb.st_size / 2, SEEK_SET);
    int c = fgetc(fp);
    fseek(fp, sb.st_size / 2, SEEK_SET);
    fputc(c ^ 0x5a, fp);
    fclose(fp);
    ck_assert_int_eq(ct_cache_load(cache, fx.src, flags, NFLAGS, &hit), CT_ENOENT);

    /* rewritten, then truncated */
    ck_assert_int_eq(ct_cache_store(cache, fx.src, flags, NFLAGS, facts, &err), 0);
    ck_assert_int_eq(truncate(entry, sb.st_size - 9), 0);
    ck_assert_int_eq(ct_cache_load(cache, fx.src, flags, NFLAGS, &hit), CT_ENOENT);

    /* something else entirely */
    write_file(entry, "{\"not\": \"a cache entry\"}\n");
    ck_assert_int_eq(ct_cache_load(cache, fx.src, flags, NFLAGS, &hit), CT_ENOENT);
    ck_assert_ptr_null(hit);

    /* and the next store repairs it */
    ck_assert_int_eq(ct_cache_store(cache, fx.src, flags, NFLAGS, facts, &err), 0);
    ck_assert_int_eq(ct_cache_load(cache, fx.src, flags, NFLAGS, &hit), 0);
    ct_tu_facts_free(hit);
    ct_cache_close(cache);
    ct_tu_facts_free(facts);
    fixture_remove(&fx);
}
END_TEST

START_TEST(test_cache_open_refuses_a_path_that_is_a_file)
{
    struct fixture fx;
    struct ct_cache *cache = NULL;
    struct ct_error err;
    fixture_make(&fx);
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_cache_open(&cache, fx.src, &err), CT_EIO); /* main.c is a file */
    ck_assert_ptr_null(cache);
    ck_assert_ptr_nonnull(strstr(err.msg, "cache directory"));
    fixture_remove(&fx);
}
END_TEST

START_TEST(test_report_encoding_round_trips_and_blobs_are_checked)
{
    struct fixture fx;
    struct ct_report r, back;
    unsigned char *data = NULL, *loaded = NULL;
    size_t len = 0, llen = 0;
    struct ct_error err;

    fixture_make(&fx);
    ct_report_init(&r);
    ct_report_init(&back);
    r.findings = calloc(1, sizeof(*r.findings));
    r.nfindings = 1;
    r.findings[0].diag = CT_DIAG_CROSS_TASK_EXIT;
    r.findings[0].message = strdup("pthread mutex 'm' is unlocked in thread 'w'");
    r.findings[0].resource = strdup("m");
    r.findings[0].loc.file = ct_intern("a.c");
    r.findings[0].loc.line = 7;
    r.findings[0].scope_kind = ct_intern("pthread-mutex");
    r.findings[0].trace = calloc(1, sizeof(*r.findings[0].trace));
    r.findings[0].ntrace = 1;
    r.findings[0].trace[0].message = strdup("locked here");
    r.findings[0].trace[0].loc.line = 3;
    ck_assert_int_eq(ct_report_add_error(&r, "b.c", 2, 1, "'x.h' file not found"), 0);

    ck_assert_int_eq(ct_report_encode(&r, &data, &len), 0);
    ck_assert_int_eq(ct_report_decode(data, len, &back), 0);
    ck_assert_uint_eq(back.nfindings, 1);
    ck_assert_str_eq(back.findings[0].message, r.findings[0].message);
    ck_assert_ptr_eq(back.findings[0].loc.file, r.findings[0].loc.file);
    ck_assert_uint_eq(back.findings[0].loc.line, 7);
    ck_assert_str_eq(back.findings[0].trace[0].message, "locked here");
    ck_assert_uint_eq(back.nerrors, 1);
    ck_assert_str_eq(back.errors[0].message, "'x.h' file not found");
    ct_report_fini(&back);
    ct_report_init(&back);
    ck_assert_int_eq(ct_report_decode(data, len - 1, &back), CT_EINVAL); /* cut short */
    ct_report_fini(&back);

    struct ct_cache *cache = open_cache(&fx);
    ck_assert_int_eq(ct_cache_load_blob(cache, 77, &loaded, &llen), CT_ENOENT);
    ck_assert_int_eq(ct_cache_store_blob(cache, 77, data, len, &err), 0);
    ck_assert_int_eq(ct_cache_load_blob(cache, 77, &loaded, &llen), 0);
    ck_assert_uint_eq(llen, len);
    ck_assert_mem_eq(loaded, data, len);
    free(loaded);
    ck_assert_int_eq(ct_cache_load_blob(cache, 78, &loaded, &llen), CT_ENOENT);
    ct_cache_close(cache);
    free(data);
    ct_report_fini(&r);
    fixture_remove(&fx);
}
END_TEST

Suite *cache_suite(void)
{
    Suite *s = suite_create("cache");
    TCase *tc = tcase_create("cache");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_facts_encoding_round_trips);
    tcase_add_test(tc, test_facts_decoding_refuses_every_truncation);
    tcase_add_test(tc, test_cache_hit_after_store_and_miss_for_other_flags);
    tcase_add_test(tc, test_cache_misses_when_an_included_header_changes);
    tcase_add_test(tc, test_cache_misses_when_a_header_appears_earlier_on_the_path);
    tcase_add_test(tc, test_cache_entry_corrupt_truncated_or_foreign_is_a_miss);
    tcase_add_test(tc, test_cache_open_refuses_a_path_that_is_a_file);
    tcase_add_test(tc, test_report_encoding_round_trips_and_blobs_are_checked);
    suite_add_tcase(s, tc);
    return s;
}
