#include "session.h"

void session_release(struct session *s)
{
    pthread_mutex_unlock(&s->lock);
}
