// C11 threads job system: a job carries an mtx_t * guard for the resource it finishes. Main
// locks *job.guard before thrd_create, and the job runner unlocks it through job->guard.
// rules: posix c11
#include <stdio.h>
#include <threads.h>

struct resource {
    mtx_t mu;
    int refs;
};

struct job {
    const char *name;
    mtx_t *guard;
    struct resource *res;
};

static void job_finish(struct job *job)
{
    job->res->refs--;
    mtx_unlock(job->guard); // expect: cross-task-exit
}

static int job_runner(void *arg)
{
    struct job *job = arg;

    printf("running %s\n", job->name);
    job_finish(job);
    return 0;
}

int main(void)
{
    struct resource texture = {.refs = 2};
    struct job job = {.name = "upload-texture", .res = &texture};
    thrd_t tid;

    if (mtx_init(&texture.mu, mtx_plain) != thrd_success)
        return 1;
    job.guard = &texture.mu;
    mtx_lock(job.guard);
    if (thrd_create(&tid, job_runner, &job) != thrd_success)
        return 1;
    thrd_join(tid, NULL);
    printf("texture refs %d\n", texture.refs);
    return 0;
}
