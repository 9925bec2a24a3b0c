// The thread argument is a compound literal naming the locked session; the worker unlocks
// args->sess->mu, which main locked.
#include <pthread.h>
#include <stdio.h>

struct session {
    pthread_mutex_t mu;
    int id;
};

struct close_args {
    struct session *sess;
    int code;
};

static void *close_thread(void *p)
{
    struct close_args *args = p;

    printf("closing %d with %d\n", args->sess->id, args->code);
    pthread_mutex_unlock(&args->sess->mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    struct session sess = {.id = 3};
    pthread_t tid;

    pthread_mutex_init(&sess.mu, NULL);
    pthread_mutex_lock(&sess.mu);
    if (pthread_create(&tid, NULL, close_thread, &(struct close_args){.sess = &sess, .code = 1000}) != 0)
        return 1;
    pthread_join(tid, NULL);
    return 0;
}
