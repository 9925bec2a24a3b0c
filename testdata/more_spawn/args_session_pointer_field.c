// The thread argument is a small args struct that points at the session: main locks
// sess.mu and the logout worker unlocks args->sess->mu.
#include <pthread.h>
#include <stdio.h>

typedef struct session {
    pthread_mutex_t mu;
    int uid;
    int logged_in;
} session_t;

struct logout_args {
    session_t *sess;
    int reason;
};

static void *logout_worker(void *p)
{
    struct logout_args *args = p;

    args->sess->logged_in = 0;
    printf("uid %d logged out (reason %d)\n", args->sess->uid, args->reason);
    pthread_mutex_unlock(&args->sess->mu); // expect: cross-task-exit
    return NULL;
}

int main(void)
{
    session_t sess = {.uid = 1001, .logged_in = 1};
    struct logout_args args = {.sess = &sess, .reason = 3};
    pthread_t tid;

    pthread_mutex_init(&sess.mu, NULL);
    pthread_mutex_lock(&sess.mu);
    if (pthread_create(&tid, NULL, logout_worker, &args) != 0)
        return 1;
    pthread_join(tid, NULL);
    pthread_mutex_destroy(&sess.mu);
    return 0;
}
