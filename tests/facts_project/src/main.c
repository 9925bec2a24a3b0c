#include <stdio.h>

#include "session.h"

int main(void)
{
    struct session s;
    if (session_open(&s) != 0)
        return 1;
    pthread_join(s.flusher, NULL);
    puts("flushed");
    return 0;
}
