// An embedding application's notifier thread ensures the GIL state to call into Python and
// leaves the token in the shared context; main releases it after joining. The token belongs to
// the thread that ensured it: CPython aborts with "Fatal Python error: PyGILState_Release:
// thread state ... must be current when releasing".
// pkg-config: python3
// rules: posix python-capi
#include <Python.h>
#include <pthread.h>

struct notify_ctx {
    PyGILState_STATE gstate;
    long events;
};

static void *notify_worker(void *arg)
{
    struct notify_ctx *ctx = arg;

    ctx->gstate = PyGILState_Ensure();
    ctx->events = PyLong_AsLong(PyLong_FromLong(42));
    return NULL;
}

int main(void)
{
    struct notify_ctx ctx = {0};
    PyThreadState *main_state;
    pthread_t tid;

    Py_Initialize();
    main_state = PyEval_SaveThread();
    pthread_create(&tid, NULL, notify_worker, &ctx);
    pthread_join(tid, NULL);
    PyGILState_Release(ctx.gstate); // expect: cross-task-exit {{GIL state 'ctx.gstate' is released in thread 'main' but was ensured in thread 'notify_worker'}}
    PyEval_RestoreThread(main_state);
    Py_Finalize();
    return 0;
}
