/* check_frontend_py.c - unit tests of analyzer/frontend_py.c: small Python modules written to a
 * temporary directory, parsed with ct_pyfrontend_parse, and the facts checked: call names
 * qualified through imports, methods through self and a local's class, with-blocks exited on
 * every way out, coroutines and bound methods handed to another call, closures, keyword
 * arguments, module names from packages, syntax errors and bad inputs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "suites.h"
#include "frontend_py.h"

struct pysrc {
    char dir[64];
    char path[160];
};

static void py_write(struct pysrc *t, const char *name, const char *text)
{
    snprintf(t->dir, sizeof(t->dir), "/tmp/ct_frontend_py_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(t->dir));
    snprintf(t->path, sizeof(t->path), "%s/%s", t->dir, name);
    FILE *fp = fopen(t->path, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_ge(fputs(text, fp), 0);
    ck_assert_int_eq(fclose(fp), 0);
}

static void py_remove(struct pysrc *t)
{
    unlink(t->path);
    rmdir(t->dir);
}

static struct ct_tu_facts *py_parse(const char *text)
{
    struct pysrc t;
    struct ct_error err;
    struct ct_tu_facts *facts = NULL;
    struct ct_pyfrontend *fe = ct_pyfrontend_new();

    ck_assert_ptr_nonnull(fe);
    py_write(&t, "svc.py", text);
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_pyfrontend_parse(fe, t.path, &facts, &err), 0);
    ct_pyfrontend_free(fe);
    py_remove(&t);
    ck_assert_ptr_nonnull(facts);
    return facts;
}

static const struct ct_function *find_fn(const struct ct_tu_facts *f, const char *name)
{
    for (size_t i = 0; i < f->nfunctions; i++)
        if (strcmp(f->functions[i].name, name) == 0 && f->functions[i].usr &&
            strncmp(f->functions[i].usr, "py:", 3) == 0 &&
            strcmp(f->functions[i].usr + 3, name) == 0)
            return &f->functions[i];
    ck_abort_msg("no function %s", name);
    return NULL;
}

/* How many calls of FN are named NAME. */
static unsigned count_calls(const struct ct_function *fn, const char *name)
{
    unsigned n = 0;
    for (unsigned i = 0; i < fn->ncalls; i++)
        if (fn->calls[i].callee_name && strcmp(fn->calls[i].callee_name, name) == 0)
            n++;
    return n;
}

static const struct ct_call *find_call(const struct ct_function *fn, const char *name)
{
    for (unsigned i = 0; i < fn->ncalls; i++)
        if (fn->calls[i].callee_name && strcmp(fn->calls[i].callee_name, name) == 0)
            return &fn->calls[i];
    ck_abort_msg("no call %s in %s", name, fn->name);
    return NULL;
}

START_TEST(test_calls_are_qualified_through_imports)
{
    struct ct_tu_facts *f = py_parse("import anyio\n"
                                     "from contextlib import AsyncExitStack as Stack\n"
                                     "async def run():\n"
                                     "    stack = Stack()\n"
                                     "    await stack.enter_async_context(anyio.create_task_group())\n"
                                     "    await stack.aclose()\n");
    const struct ct_function *run = find_fn(f, "svc.run");
    ck_assert_uint_eq(count_calls(run, "contextlib.AsyncExitStack"), 1);
    const struct ct_call *c = find_call(run, "contextlib.AsyncExitStack.enter_async_context");
    ck_assert_uint_eq(c->nargs, 2);
    ck_assert_int_eq(c->args[0].kind, CT_VAL_LOAD);
    ck_assert_str_eq(c->args[0].path.name, "stack");
    ck_assert_uint_eq(count_calls(run, "contextlib.AsyncExitStack.aclose"), 1);
    ct_tu_facts_free(f);
}
END_TEST

START_TEST(test_method_through_self_resolves_to_the_class_method)
{
    struct ct_tu_facts *f = py_parse("class Session:\n"
                                     "    async def close(self):\n"
                                     "        pass\n"
                                     "    async def stop(self):\n"
                                     "        await self.close()\n"
                                     "def use(x: Session):\n"
                                     "    x.close()\n");
    const struct ct_function *stop = find_fn(f, "svc.Session.stop");
    const struct ct_call *c = find_call(stop, "svc.Session.close");
    ck_assert_str_eq(c->callee_usr, "py:svc.Session.close");
    ck_assert_int_eq(c->args[0].path.base, CT_BASE_PARAM);
    /* the annotation types the parameter; an unawaited async call is not run here */
    const struct ct_function *use = find_fn(f, "svc.use");
    ck_assert_uint_eq(count_calls(use, "svc.Session.close"), 0);
    ct_tu_facts_free(f);
}
END_TEST

START_TEST(test_with_block_exits_on_every_way_out)
{
    struct ct_tu_facts *f = py_parse("import anyio\n"
                                     "def f(items):\n"
                                     "    for i in items:\n"
                                     "        with anyio.move_on_after(1) as scope:\n"
                                     "            if i == 1:\n"
                                     "                break\n"
                                     "            if i == 2:\n"
                                     "                continue\n"
                                     "            if i == 3:\n"
                                     "                return i\n"
                                     "            if i == 4:\n"
                                     "                raise ValueError(i)\n"
                                     "    return 0\n");
    const struct ct_function *fn = find_fn(f, "svc.f");
    ck_assert_uint_eq(count_calls(fn, "anyio.move_on_after.__enter__"), 1);
    /* break, continue, return, raise and the end of the block */
    ck_assert_uint_eq(count_calls(fn, "anyio.move_on_after.__exit__"), 5);
    ct_tu_facts_free(f);
}
END_TEST

START_TEST(test_finally_runs_on_return)
{
    struct ct_tu_facts *f = py_parse("def f(lock):\n"
                                     "    lock.acquire()\n"
                                     "    try:\n"
                                     "        return 1\n"
                                     "    finally:\n"
                                     "        lock.release()\n");
    const struct ct_function *fn = find_fn(f, "svc.f");
    ck_assert_uint_ge(count_calls(fn, ".release"), 2); /* the return path and the normal one */
    ct_tu_facts_free(f);
}
END_TEST

START_TEST(test_coroutine_argument_is_bound_not_called)
{
    struct ct_tu_facts *f = py_parse("import asyncio\n"
                                     "async def worker(stack, n):\n"
                                     "    await stack.aclose()\n"
                                     "async def main(stack):\n"
                                     "    asyncio.create_task(worker(stack, 3))\n");
    const struct ct_function *m = find_fn(f, "svc.main");
    ck_assert_uint_eq(count_calls(m, "svc.worker"), 0);
    const struct ct_call *c = find_call(m, "asyncio.create_task");
    ck_assert_uint_eq(c->nargs, 1);
    ck_assert_int_eq(c->args[0].kind, CT_VAL_FUNC);
    ck_assert_int_ne(c->args[0].path.base, CT_BASE_NONE); /* bound to its data */
    /* the synthetic function calls the coroutine's function with the bound arguments */
    const struct ct_function *thunk = NULL;
    for (size_t i = 0; i < f->nfunctions; i++)
        if (strcmp(f->functions[i].usr, c->args[0].func) == 0)
            thunk = &f->functions[i];
    ck_assert_ptr_nonnull(thunk);
    const struct ct_call *inner = find_call(thunk, "svc.worker");
    ck_assert_uint_eq(inner->nargs, 2);
    ck_assert_int_eq(inner->args[0].path.base, CT_BASE_PARAM);
    ct_tu_facts_free(f);
}
END_TEST

START_TEST(test_lambda_reads_enclosing_variables_through_its_environment)
{
    struct ct_tu_facts *f = py_parse("def main(loop, stack):\n"
                                     "    loop.call_soon(lambda: stack.close())\n");
    const struct ct_function *m = find_fn(f, "svc.main");
    const struct ct_call *c = find_call(m, ".call_soon");
    ck_assert_int_eq(c->args[1].kind, CT_VAL_FUNC);
    ck_assert_int_eq(c->args[1].path.base, CT_BASE_LOCAL);
    const struct ct_function *lam = find_fn(f, "svc.main.<lambda:2>");
    const struct ct_call *close = find_call(lam, ".close");
    ck_assert_int_eq(close->args[0].path.base, CT_BASE_PARAM);
    ck_assert_uint_eq(close->args[0].path.nops, 2); /* $env->stack */
    ck_assert_str_eq(close->args[0].path.ops[1].field, "stack");
    ct_tu_facts_free(f);
}
END_TEST

START_TEST(test_keyword_arguments_follow_positional_ones_spelled_with_their_name)
{
    struct ct_tu_facts *f = py_parse("import threading\n"
                                     "def flush(c):\n"
                                     "    pass\n"
                                     "def main(cache):\n"
                                     "    threading.Thread(target=flush, args=(cache,)).start()\n");
    const struct ct_function *m = find_fn(f, "svc.main");
    const struct ct_call *c = find_call(m, "threading.Thread");
    ck_assert_uint_eq(c->nargs, 2);
    ck_assert_str_eq(c->args[0].text, "target=flush");
    ck_assert_int_eq(c->args[0].kind, CT_VAL_FUNC);
    ck_assert_str_eq(c->args[0].func, "py:svc.flush");
    ck_assert_int_eq(c->args[1].kind, CT_VAL_LOAD); /* a tuple stands for its first element */
    ck_assert_str_eq(c->args[1].path.name, "cache");
    ct_tu_facts_free(f);
}
END_TEST

START_TEST(test_module_name_follows_packages)
{
    char dir[64], path[256];
    snprintf(dir, sizeof(dir), "/tmp/ct_pkg_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/pkg", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof(path), "%s/pkg/__init__.py", dir);
    FILE *fp = fopen(path, "w");
    ck_assert_ptr_nonnull(fp);
    fclose(fp);
    snprintf(path, sizeof(path), "%s/pkg/client.py", dir);
    ck_assert_str_eq(ct_python_module_name(path), "pkg.client");
    snprintf(path, sizeof(path), "%s/pkg/__init__.py", dir);
    ck_assert_str_eq(ct_python_module_name(path), "pkg");
    unlink(path);
    snprintf(path, sizeof(path), "%s/pkg", dir);
    rmdir(path);
    rmdir(dir);
    ck_assert(ct_is_python_file("a/b.py"));
    ck_assert(!ct_is_python_file("a/b.c"));
}
END_TEST

START_TEST(test_syntax_error_is_recorded_and_the_rest_lowered)
{
    struct ct_tu_facts *f = py_parse("async def good(stack):\n"
                                     "    await stack.aclose()\n"
                                     "def bad(:\n"
                                     "    pass\n");
    ck_assert_uint_ge(f->nerrors, 1);
    ck_assert_ptr_nonnull(strstr(f->errors[0].message, "syntax error"));
    const struct ct_function *g = find_fn(f, "svc.good");
    ck_assert_uint_eq(count_calls(g, ".aclose"), 1);
    ct_tu_facts_free(f);
}
END_TEST

START_TEST(test_bad_inputs_are_errors)
{
    struct ct_pyfrontend *fe = ct_pyfrontend_new();
    struct ct_tu_facts *facts = NULL;
    struct ct_error err;
    ck_assert_ptr_nonnull(fe);
    memset(&err, 0, sizeof(err));
    ck_assert_int_eq(ct_pyfrontend_parse(fe, "/nonexistent/x.py", &facts, &err), CT_ENOENT);
    ck_assert_ptr_null(facts);
    ck_assert_int_eq(ct_pyfrontend_parse(fe, "/tmp", &facts, &err), CT_EISDIR);
    struct pysrc t;
    py_write(&t, "bin.py", "x = 1\n");
    FILE *fp = fopen(t.path, "ab");
    ck_assert_ptr_nonnull(fp);
    fputc(0, fp);
    fclose(fp);
    ck_assert_int_eq(ct_pyfrontend_parse(fe, t.path, &facts, &err), CT_EBINARY);
    py_remove(&t);
    ct_pyfrontend_free(fe);
}
END_TEST

START_TEST(test_deep_nesting_is_bounded)
{
    size_t n = 2000;
    char *src = malloc(n * 8 + 64);
    ck_assert_ptr_nonnull(src);
    strcpy(src, "def f(x):\n    return ");
    for (size_t i = 0; i < n; i++)
        strcat(src, "g(");
    strcat(src, "x");
    for (size_t i = 0; i < n; i++)
        strcat(src, ")");
    strcat(src, "\n");
    struct ct_tu_facts *f = py_parse(src);
    free(src);
    ck_assert_uint_ge(f->nfunctions, 1);
    ct_tu_facts_free(f);
}
END_TEST

Suite *frontend_py_suite(void)
{
    Suite *s = suite_create("frontend_py");
    TCase *names = tcase_create("names");
    TCase *flow = tcase_create("flow");
    TCase *values = tcase_create("values");
    TCase *inputs = tcase_create("inputs");

    tcase_add_test(names, test_calls_are_qualified_through_imports);
    tcase_add_test(names, test_method_through_self_resolves_to_the_class_method);
    tcase_add_test(names, test_module_name_follows_packages);
    suite_add_tcase(s, names);
    tcase_add_test(flow, test_with_block_exits_on_every_way_out);
    tcase_add_test(flow, test_finally_runs_on_return);
    suite_add_tcase(s, flow);
    tcase_add_test(values, test_coroutine_argument_is_bound_not_called);
    tcase_add_test(values, test_lambda_reads_enclosing_variables_through_its_environment);
    tcase_add_test(values, test_keyword_arguments_follow_positional_ones_spelled_with_their_name);
    suite_add_tcase(s, values);
    tcase_add_test(inputs, test_syntax_error_is_recorded_and_the_rest_lowered);
    tcase_add_test(inputs, test_bad_inputs_are_errors);
    tcase_add_test(inputs, test_deep_nesting_is_bounded);
    tcase_set_timeout(inputs, 30);
    suite_add_tcase(s, inputs);
    return s;
}
