// Main locks the config and spawns a loader; on its error path the loader unlocks the config
// as if it owned the lock. Main unlocks it only when loading worked.
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

struct config {
    pthread_mutex_t mu;
    const char *path;
    int error;
    int nentries;
};

static void *config_loader(void *arg)
{
    struct config *cfg = arg;
    char line[128];
    FILE *f = fopen(cfg->path, "r");

    if (!f) {
        cfg->error = errno;
        pthread_mutex_unlock(&cfg->mu); // expect: cross-task-exit {{'cfg->mu'}}
        return NULL;
    }
    while (fgets(line, sizeof(line), f))
        cfg->nentries++;
    fclose(f);
    return NULL;
}

int main(void)
{
    struct config cfg = {.path = "/nonexistent/crosstask/app.conf"};
    pthread_t tid;

    pthread_mutex_init(&cfg.mu, NULL);
    pthread_mutex_lock(&cfg.mu);
    if (pthread_create(&tid, NULL, config_loader, &cfg) != 0)
        return 1;
    pthread_join(tid, NULL);
    if (!cfg.error)
        pthread_mutex_unlock(&cfg.mu);
    printf("config: %d entries, error %d\n", cfg.nentries, cfg.error);
    return 0;
}
