// A service descriptor stores its thread entry in a field; service_start() spawns svc->entry
// with svc as argument. Main locks the service state first, and the entry unlocks it.
#include <pthread.h>
#include <stdio.h>

struct service {
    const char *name;
    pthread_mutex_t state_mu;
    int running;
    void *(*entry)(void *arg);
    pthread_t tid;
};

static void *metrics_service_main(void *arg)
{
    struct service *svc = arg;

    svc->running = 1;
    pthread_mutex_unlock(&svc->state_mu); // expect: cross-task-exit
    return NULL;
}

static int service_start(struct service *svc)
{
    return pthread_create(&svc->tid, NULL, svc->entry, svc);
}

int main(void)
{
    struct service svc = {.name = "metrics", .entry = metrics_service_main};

    pthread_mutex_init(&svc.state_mu, NULL);
    pthread_mutex_lock(&svc.state_mu);
    if (service_start(&svc) != 0)
        return 1;
    pthread_join(svc.tid, NULL);
    printf("%s running=%d\n", svc.name, svc.running);
    return 0;
}
