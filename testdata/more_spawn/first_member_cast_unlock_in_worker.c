// The mutex is the first member of the request, so the worker unlocks it by casting the
// request pointer to pthread_mutex_t *. Main locked it as &req.mu.
#include <pthread.h>
#include <stdio.h>

struct request {
    pthread_mutex_t mu;
    int status;
};

static void *reply_thread(void *arg)
{
    struct request *req = arg;

    req->status = 200;
    pthread_mutex_unlock((pthread_mutex_t *)req); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    struct request req = {.status = 0};
    pthread_t tid;

    pthread_mutex_init(&req.mu, NULL);
    pthread_mutex_lock(&req.mu);
    if (pthread_create(&tid, NULL, reply_thread, &req) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("status %d\n", req.status);
    return 0;
}
