/* check_ct.c - unit tests of analyzer/ct.c: error codes and records, array growth (ct_grow,
 * CT_PUSH), the string interner and the FNV-1a hash. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "ct.h"

/* --- errors ------------------------------------------------------------------------------ */

START_TEST(test_strerror_describes_every_code_of_the_table)
{
#define CT__CHECK_CODE(name, value, text) ck_assert_str_eq(ct_strerror(CT_##name), text);
    CT_ERRNO_MAP(CT__CHECK_CODE)
#undef CT__CHECK_CODE
    ck_assert_str_eq(ct_strerror(CT_ENOMEM), "out of memory");
}
END_TEST

START_TEST(test_strerror_of_zero_is_success_and_of_an_unknown_code_says_so)
{
    ck_assert_str_eq(ct_strerror(0), "success");
    ck_assert_str_eq(ct_strerror(-1000), "unknown error");
    ck_assert_str_eq(ct_strerror(7), "unknown error");
}
END_TEST

START_TEST(test_error_codes_are_negative_and_distinct)
{
    static const int codes[] = {
#define CT__CODE(name, value, text) CT_##name,
        CT_ERRNO_MAP(CT__CODE)
#undef CT__CODE
    };
    size_t n = sizeof(codes) / sizeof(codes[0]);

    for (size_t i = 0; i < n; i++) {
        ck_assert_int_lt(codes[i], 0);
        for (size_t j = i + 1; j < n; j++)
            ck_assert_int_ne(codes[i], codes[j]);
    }
}
END_TEST

START_TEST(test_error_set_fills_every_field_and_returns_the_code)
{
    struct ct_error err;
    const char *file = "rules/posix.json";

    memset(&err, 0xab, sizeof(err));
    ck_assert_int_eq(ct_error_set(&err, CT_ERULES, file, 12, 5, "scopes[%d].enter[%d].call: %s", 2,
                                  0, "expected a string"),
                     CT_ERULES);
    ck_assert_int_eq(err.code, CT_ERULES);
    ck_assert_ptr_eq(err.file, file);
    ck_assert_uint_eq(err.line, 12);
    ck_assert_uint_eq(err.col, 5);
    ck_assert_str_eq(err.msg, "scopes[2].enter[0].call: expected a string");
}
END_TEST

START_TEST(test_error_set_accepts_a_null_record)
{
    ck_assert_int_eq(ct_error_set(NULL, CT_EIO, "x", 1, 1, "%s", "ignored"), CT_EIO);
}
END_TEST

START_TEST(test_error_set_truncates_a_long_message_and_terminates_it)
{
    struct ct_error err;
    char long_text[1000];

    memset(long_text, 'x', sizeof(long_text) - 1);
    long_text[sizeof(long_text) - 1] = '\0';
    ct_error_set(&err, CT_EPARSE, NULL, 0, 0, "%s", long_text);
    ck_assert_uint_eq(strlen(err.msg), sizeof(err.msg) - 1);
    ck_assert_ptr_null(err.file);
}
END_TEST

/* --- arrays ------------------------------------------------------------------------------ */

START_TEST(test_grow_reaches_the_needed_capacity_and_keeps_the_contents)
{
    int *items = NULL;
    size_t cap = 0;

    ck_assert_int_eq(ct_grow((void **)&items, &cap, 3, sizeof(*items)), 0);
    ck_assert_uint_ge(cap, 3);
    for (int i = 0; i < 3; i++)
        items[i] = i * 7;
    ck_assert_int_eq(ct_grow((void **)&items, &cap, 1000, sizeof(*items)), 0);
    ck_assert_uint_ge(cap, 1000);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(items[i], i * 7);
    items[999] = 1; /* the whole capacity is usable (ASan/valgrind would object) */
    free(items);
}
END_TEST

START_TEST(test_grow_does_nothing_when_the_capacity_suffices)
{
    char *items = NULL;
    size_t cap = 0;
    char *before;

    ck_assert_int_eq(ct_grow((void **)&items, &cap, 10, 1), 0);
    before = items;
    size_t cap_before = cap;
    ck_assert_int_eq(ct_grow((void **)&items, &cap, cap_before, 1), 0);
    ck_assert_ptr_eq(items, before);
    ck_assert_uint_eq(cap, cap_before);
    free(items);
}
END_TEST

START_TEST(test_grow_refuses_a_size_that_would_overflow)
{
    long long *items = NULL;
    size_t cap = 0;

    ck_assert_int_eq(ct_grow((void **)&items, &cap, SIZE_MAX / 4, sizeof(*items)), CT_ENOMEM);
    ck_assert_ptr_null(items);
    ck_assert_uint_eq(cap, 0);
}
END_TEST

struct pair {
    int a;
    const char *b;
};

START_TEST(test_push_appends_zeroed_elements_and_counts_them)
{
    struct pair *arr = NULL, *p;
    size_t n = 0, cap = 0;

    for (int i = 0; i < 100; i++) {
        p = CT_PUSH(arr, n, cap);
        ck_assert_ptr_nonnull(p);
        ck_assert_int_eq(p->a, 0);
        ck_assert_ptr_null(p->b);
        p->a = i;
        p->b = "set";
    }
    ck_assert_uint_eq(n, 100);
    ck_assert_uint_ge(cap, 100);
    for (int i = 0; i < 100; i++) {
        ck_assert_int_eq(arr[i].a, i);
        ck_assert_str_eq(arr[i].b, "set");
    }
    free(arr);
}
END_TEST

/* --- the interner ------------------------------------------------------------------------ */

START_TEST(test_intern_gives_equal_strings_the_same_pointer)
{
    char a[] = "ctx->mu", b[] = "ctx->mu";
    const char *ia = ct_intern(a), *ib = ct_intern(b);

    ck_assert_ptr_nonnull(ia);
    ck_assert_ptr_eq(ia, ib);
    ck_assert_ptr_ne(ia, a);
    ck_assert_str_eq(ia, "ctx->mu");
    a[0] = 'X'; /* the interned copy does not alias the input */
    ck_assert_str_eq(ia, "ctx->mu");
}
END_TEST

START_TEST(test_intern_keeps_different_strings_apart)
{
    const char *a = ct_intern("worker_main"), *b = ct_intern("worker_mai"),
               *c = ct_intern("worker_main2"), *e = ct_intern("");

    ck_assert_ptr_ne(a, b);
    ck_assert_ptr_ne(a, c);
    ck_assert_ptr_ne(b, c);
    ck_assert_str_eq(b, "worker_mai");
    ck_assert_str_eq(e, "");
    ck_assert_ptr_eq(e, ct_intern(""));
}
END_TEST

START_TEST(test_intern_n_reads_only_len_bytes)
{
    const char *s = "session_pool.c:41";
    const char *prefix = ct_intern_n(s, 14);

    ck_assert_str_eq(prefix, "session_pool.c");
    ck_assert_ptr_eq(prefix, ct_intern("session_pool.c"));
    ck_assert_ptr_ne(prefix, ct_intern(s));
}
END_TEST

START_TEST(test_intern_of_null_is_null)
{
    ck_assert_ptr_null(ct_intern(NULL));
    ck_assert_ptr_null(ct_intern_n(NULL, 3));
}
END_TEST

START_TEST(test_intern_pointers_survive_table_growth_and_long_strings)
{
    enum { N = 20000 };
    const char **first = malloc(N * sizeof(*first));
    char buf[32], *big = malloc(100000);

    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_nonnull(big);
    for (int i = 0; i < N; i++) {
        snprintf(buf, sizeof(buf), "name_%d", i);
        first[i] = ct_intern(buf);
        ck_assert_ptr_nonnull(first[i]);
    }
    memset(big, 'q', 99999);
    big[99999] = '\0';
    ck_assert_ptr_eq(ct_intern(big), ct_intern(big)); /* larger than one block */
    for (int i = 0; i < N; i++) {
        snprintf(buf, sizeof(buf), "name_%d", i);
        ck_assert_ptr_eq(ct_intern(buf), first[i]);
        ck_assert_str_eq(first[i], buf);
    }
    free(big);
    free(first);
}
END_TEST

enum { INTERN_THREADS = 4, INTERN_NAMES = 2000 };

static void *intern_many(void *arg)
{
    const char **out = arg;
    char buf[32];

    for (int i = 0; i < INTERN_NAMES; i++) {
        snprintf(buf, sizeof(buf), "shared_%d", i);
        out[i] = ct_intern(buf);
    }
    return NULL;
}

START_TEST(test_intern_from_several_threads_agrees_on_pointers)
{
    static const char *got[INTERN_THREADS][INTERN_NAMES];
    pthread_t threads[INTERN_THREADS];

    for (int t = 0; t < INTERN_THREADS; t++)
        ck_assert_int_eq(pthread_create(&threads[t], NULL, intern_many, got[t]), 0);
    for (int t = 0; t < INTERN_THREADS; t++)
        pthread_join(threads[t], NULL);
    for (int i = 0; i < INTERN_NAMES; i++) {
        ck_assert_ptr_nonnull(got[0][i]);
        for (int t = 1; t < INTERN_THREADS; t++)
            ck_assert_ptr_eq(got[t][i], got[0][i]);
    }
}
END_TEST

/* --- hashing ----------------------------------------------------------------------------- */

START_TEST(test_hash_matches_the_fnv1a_reference_values)
{
    ck_assert(ct_hash(CT_HASH_INIT, "", 0) == 0xcbf29ce484222325ULL);
    ck_assert(ct_hash(CT_HASH_INIT, "a", 1) == 0xaf63dc4c8601ec8cULL);
    ck_assert(ct_hash(CT_HASH_INIT, "foobar", 6) == 0x85944171f73967e8ULL);
}
END_TEST

START_TEST(test_hash_continues_across_pieces)
{
    /* the same pieces in the same order give the same hash; any changed byte, in the
     * eight-byte words or in the tail, gives another */
    unsigned long long h = ct_hash(CT_HASH_INIT, "worker", 6);
    unsigned long long whole = ct_hash(h, "_main_thread_entry", 18);

    ck_assert(ct_hash(ct_hash(CT_HASH_INIT, "worker", 6), "_main_thread_entry", 18) == whole);
    ck_assert(ct_hash(h, "_main_thread_entrz", 18) != whole);
    ck_assert(ct_hash(h, "_mbin_thread_entry", 18) != whole);
    ck_assert(ct_hash(ct_hash(CT_HASH_INIT, "workes", 6), "_main_thread_entry", 18) != whole);
}
END_TEST

Suite *ct_suite(void)
{
    Suite *s = suite_create("ct");
    TCase *errors = tcase_create("errors");
    TCase *arrays = tcase_create("arrays");
    TCase *intern = tcase_create("intern");
    TCase *hash = tcase_create("hash");

    tcase_add_test(errors, test_strerror_describes_every_code_of_the_table);
    tcase_add_test(errors, test_strerror_of_zero_is_success_and_of_an_unknown_code_says_so);
    tcase_add_test(errors, test_error_codes_are_negative_and_distinct);
    tcase_add_test(errors, test_error_set_fills_every_field_and_returns_the_code);
    tcase_add_test(errors, test_error_set_accepts_a_null_record);
    tcase_add_test(errors, test_error_set_truncates_a_long_message_and_terminates_it);
    suite_add_tcase(s, errors);

    tcase_add_test(arrays, test_grow_reaches_the_needed_capacity_and_keeps_the_contents);
    tcase_add_test(arrays, test_grow_does_nothing_when_the_capacity_suffices);
    tcase_add_test(arrays, test_grow_refuses_a_size_that_would_overflow);
    tcase_add_test(arrays, test_push_appends_zeroed_elements_and_counts_them);
    suite_add_tcase(s, arrays);

    tcase_add_test(intern, test_intern_gives_equal_strings_the_same_pointer);
    tcase_add_test(intern, test_intern_keeps_different_strings_apart);
    tcase_add_test(intern, test_intern_n_reads_only_len_bytes);
    tcase_add_test(intern, test_intern_of_null_is_null);
    tcase_add_test(intern, test_intern_pointers_survive_table_growth_and_long_strings);
    tcase_add_test(intern, test_intern_from_several_threads_agrees_on_pointers);
    suite_add_tcase(s, intern);

    tcase_add_test(hash, test_hash_matches_the_fnv1a_reference_values);
    tcase_add_test(hash, test_hash_continues_across_pieces);
    suite_add_tcase(s, hash);
    return s;
}
