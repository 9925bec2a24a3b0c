// A module drops the GIL with PyEval_SaveThread before a long computation and hands the saved
// thread state to the thread started with PyThread_start_new_thread, which restores it: the
// state belongs to the saving thread, and CPython 3.11 crashes (SIGSEGV) when main next takes
// the GIL.
// pkg-config: python3
// rules: posix python-capi
#include <Python.h>
#include <pythread.h>
#include <unistd.h>

struct compute_job {
    PyThreadState *saved;
    volatile int done;
};

static void finish_compute(void *arg)
{
    struct compute_job *job = arg;

    PyEval_RestoreThread(job->saved); // expect: cross-task-exit {{saved thread state 'job->saved' is restored in thread 'finish_compute' but was saved in thread 'main'}}
    job->done = 1;
    PyEval_SaveThread();
}

int main(void)
{
    static struct compute_job job;

    Py_Initialize();
    job.saved = PyEval_SaveThread();
    PyThread_start_new_thread(finish_compute, &job);
    while (!job.done)
        usleep(1000);
    PyGILState_Release(PyGILState_Ensure());
    Py_Finalize();
    return 0;
}
