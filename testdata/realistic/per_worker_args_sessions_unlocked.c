// Main locks each of three sessions in a loop and gives worker i an args struct pointing at
// sessions[i]; each worker finalises its session and unlocks args->sess->mu.
#include <pthread.h>
#include <stdio.h>

#define NSESS 3

struct session {
    pthread_mutex_t mu;
    int id;
    int finalised;
};

struct worker_args {
    struct session *sess;
    int worker_no;
};

static void *finalise_worker(void *p)
{
    struct worker_args *args = p;

    args->sess->finalised = 1;
    pthread_mutex_unlock(&args->sess->mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    struct session sessions[NSESS];
    struct worker_args args[NSESS];
    pthread_t tids[NSESS];

    for (int i = 0; i < NSESS; i++) {
        pthread_mutex_init(&sessions[i].mu, NULL);
        sessions[i].id = 500 + i;
        sessions[i].finalised = 0;
        pthread_mutex_lock(&sessions[i].mu);
        args[i].sess = &sessions[i];
        args[i].worker_no = i;
    }
    for (int i = 0; i < NSESS; i++)
        pthread_create(&tids[i], NULL, finalise_worker, &args[i]);
    for (int i = 0; i < NSESS; i++)
        pthread_join(tids[i], NULL);
    for (int i = 0; i < NSESS; i++)
        printf("session %d finalised=%d\n", sessions[i].id, sessions[i].finalised);
    return 0;
}
