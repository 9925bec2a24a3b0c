// The usual shapes: a blocking read between Py_BEGIN_ALLOW_THREADS and Py_END_ALLOW_THREADS in
// one function, and a worker thread that ensures and releases the GIL state around its call
// into Python. Nothing crosses a thread: silent.
// pkg-config: python3
// rules: posix python-capi
#include <Python.h>
#include <pthread.h>
#include <unistd.h>

static long g_result;

static void *compute_worker(void *arg)
{
    PyGILState_STATE gstate;

    (void)arg;
    gstate = PyGILState_Ensure();
    g_result = PyLong_AsLong(PyLong_FromLong(7));
    PyGILState_Release(gstate);
    return NULL;
}

static long read_blocking(int fd, char *buf, size_t len)
{
    ssize_t n;

    Py_BEGIN_ALLOW_THREADS
    n = read(fd, buf, len);
    Py_END_ALLOW_THREADS
    return (long)n;
}

int main(void)
{
    pthread_t tid;
    char buf[16];
    int fds[2];
    long n;

    Py_Initialize();
    if (pipe(fds) != 0 || write(fds[1], "ping", 4) != 4)
        return 1;
    n = read_blocking(fds[0], buf, sizeof(buf));
    Py_BEGIN_ALLOW_THREADS
    pthread_create(&tid, NULL, compute_worker, NULL);
    pthread_join(tid, NULL);
    Py_END_ALLOW_THREADS
    Py_Finalize();
    return n == 4 && g_result == 7 ? 0 : 1;
}
