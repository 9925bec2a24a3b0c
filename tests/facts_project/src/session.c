#include "session.h"

int session_open(struct session *s)
{
    pthread_mutex_init(&s->lock, NULL);
    pthread_mutex_lock(&s->lock);
    s->pending = 1;
    /* the flusher thread releases the lock when the first flush is done */
    return pthread_create(&s->flusher, NULL, session_flush_main, s);
}
