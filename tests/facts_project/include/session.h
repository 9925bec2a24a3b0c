#ifndef SESSION_H
#define SESSION_H

#include <pthread.h>

struct session {
    pthread_mutex_t lock;
    pthread_t flusher;
    int pending;
};

int session_open(struct session *s);
void *session_flush_main(void *arg);
void session_release(struct session *s);

#endif
