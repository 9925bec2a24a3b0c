// Main holds the config lock while the probe thread runs. The probe only unlocks when its own
// trylock succeeded; here the trylock fails (main holds the lock), so the probe never unlocks,
// and main unlocks its own lock after the join.
#include <pthread.h>
#include <stdio.h>

struct config {
    pthread_mutex_t mu;
    int version;
};

static void *probe_thread(void *arg)
{
    struct config *cfg = arg;

    if (pthread_mutex_trylock(&cfg->mu) == 0) {
        printf("probe saw version %d\n", cfg->version);
        pthread_mutex_unlock(&cfg->mu);
    } else {
        printf("config busy, probe skipped\n");
    }
    return NULL;
}

int main(void)
{
    struct config cfg = {.version = 3};
    pthread_t tid;

    pthread_mutex_init(&cfg.mu, NULL);
    pthread_mutex_lock(&cfg.mu);
    if (pthread_create(&tid, NULL, probe_thread, &cfg) != 0)
        return 1;
    pthread_join(tid, NULL);
    cfg.version++;
    pthread_mutex_unlock(&cfg.mu);
    pthread_mutex_destroy(&cfg.mu);
    return 0;
}
