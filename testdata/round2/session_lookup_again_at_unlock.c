// Presence tracking: presence_ping() finds the user's session in a linked list and locks it
// through a local pointer, then unlocks it through a second lookup of the same user. Each
// pinger thread pings once; the pinger threads and main each lock and unlock the session
// themselves.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct session {
    const char *user;
    int pings;
    pthread_mutex_t mu;
    struct session *next;
};

static struct session bob = {"bob", 0, PTHREAD_MUTEX_INITIALIZER, NULL};
static struct session alice = {"alice", 0, PTHREAD_MUTEX_INITIALIZER, &bob};
static struct session *sessions = &alice;

static struct session *session_find(const char *user)
{
    for (struct session *s = sessions; s; s = s->next)
        if (strcmp(s->user, user) == 0)
            return s;
    return NULL;
}

static void presence_ping(const char *user)
{
    struct session *s = session_find(user);

    if (s == NULL)
        return;
    pthread_mutex_lock(&s->mu);
    s->pings++;
    pthread_mutex_unlock(&session_find(user)->mu);
}

static void *pinger(void *arg)
{
    presence_ping(arg);
    return NULL;
}

int main(void)
{
    pthread_t t[3];

    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, pinger, "bob");
    presence_ping("bob");
    presence_ping("alice");
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    printf("bob pinged %d times\n", bob.pings);
    return 0;
}
