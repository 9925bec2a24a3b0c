#include "session.h"

void *session_flush_main(void *arg)
{
    struct session *s = arg;
    s->pending = 0;
    session_release(s);
    return NULL;
}
