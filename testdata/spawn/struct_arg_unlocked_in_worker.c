// A session is locked in main and passed as the thread's void * argument; the worker casts it
// back to struct session * and unlocks s->mu, a lock it never took.
#include <pthread.h>
#include <stdio.h>

struct session {
    pthread_mutex_t mu;
    int id;
    char user[32];
};

static void *session_worker(void *arg)
{
    struct session *s = (struct session *)arg;

    snprintf(s->user, sizeof(s->user), "user-%d", s->id);
    pthread_mutex_unlock(&s->mu); // expect: cross-task-exit {{'s->mu'}}
    return NULL;
}

int main(void)
{
    struct session sess = {.id = 7};
    pthread_t tid;

    pthread_mutex_init(&sess.mu, NULL);
    pthread_mutex_lock(&sess.mu); // expect-note: {{locked here}}
    if (pthread_create(&tid, NULL, session_worker, &sess) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("session %d belongs to %s\n", sess.id, sess.user);
    pthread_mutex_destroy(&sess.mu);
    return 0;
}
