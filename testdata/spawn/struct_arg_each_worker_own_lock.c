// One session per thread: every worker locks and unlocks the mutex of its own session. Main
// locks each session while setting it up, and unlocks it before spawning its worker.
#include <pthread.h>
#include <stdio.h>

#define NSESSIONS 4

struct session {
    pthread_mutex_t mu;
    int id;
    long bytes_sent;
};

static void *session_sender(void *arg)
{
    struct session *s = (struct session *)arg;

    for (int i = 0; i < 10; i++) {
        pthread_mutex_lock(&s->mu);
        s->bytes_sent += 512;
        pthread_mutex_unlock(&s->mu);
    }
    return NULL;
}

int main(void)
{
    struct session sessions[NSESSIONS];
    pthread_t tids[NSESSIONS];

    for (int i = 0; i < NSESSIONS; i++) {
        pthread_mutex_init(&sessions[i].mu, NULL);
        pthread_mutex_lock(&sessions[i].mu);
        sessions[i].id = i;
        sessions[i].bytes_sent = 0;
        pthread_mutex_unlock(&sessions[i].mu);
        if (pthread_create(&tids[i], NULL, session_sender, &sessions[i]) != 0)
            return 1;
    }
    for (int i = 0; i < NSESSIONS; i++) {
        pthread_join(tids[i], NULL);
        printf("session %d sent %ld bytes\n", sessions[i].id, sessions[i].bytes_sent);
        pthread_mutex_destroy(&sessions[i].mu);
    }
    return 0;
}
