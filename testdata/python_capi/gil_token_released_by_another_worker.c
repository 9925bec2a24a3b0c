// An embedding application keeps the GIL state of a job in the job: the producer thread
// ensures the GIL when it queues the job and stores the token, and the consumer thread releases
// that token when it has run the job. PyGILState_Release in a thread that did not ensure it
// is fatal ("Fatal Python error: PyGILState_Release: thread state ... must be current when
// releasing"). The stats thread ensures and releases its own token and gives the GIL up
// around a sleep with Py_BEGIN_ALLOW_THREADS / Py_END_ALLOW_THREADS: silent.
// pkg-config: python3-embed
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pthread.h>
#include <unistd.h>

struct py_job {
    PyGILState_STATE gil;
    PyObject *payload;
};

static void job_begin(struct py_job *job)
{
    job->gil = PyGILState_Ensure();
    job->payload = PyLong_FromLong(42);
}

static void job_finish(struct py_job *job)
{
    Py_DECREF(job->payload);
    PyGILState_Release(job->gil); // expect: cross-task-exit {{GIL state 'job->gil' is released in thread 'consumer_main' but was ensured in thread 'producer_main'}}
}

static void *producer_main(void *arg)
{
    job_begin(arg);
    return NULL;
}

static void *consumer_main(void *arg)
{
    job_finish(arg);
    return NULL;
}

static void *stats_main(void *arg)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    PyObject *n = PyLong_FromLong(7);

    (void)arg;
    Py_BEGIN_ALLOW_THREADS
    usleep(1000);
    Py_END_ALLOW_THREADS
    Py_DECREF(n);
    PyGILState_Release(gil);
    return NULL;
}

int main(void)
{
    struct py_job job;
    pthread_t producer, consumer, stats;
    PyThreadState *main_state;

    Py_Initialize();
    main_state = PyEval_SaveThread();
    pthread_create(&stats, NULL, stats_main, NULL);
    pthread_join(stats, NULL);
    pthread_create(&producer, NULL, producer_main, &job);
    pthread_join(producer, NULL);
    pthread_create(&consumer, NULL, consumer_main, &job);
    pthread_join(consumer, NULL);
    PyEval_RestoreThread(main_state);
    Py_Finalize();
    return 0;
}
