// The suppression may be written in a block comment too, with its reason after the list.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g_render_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_frames;

static void *render_worker(void *arg)
{
    (void)arg;
    g_frames++;
    pthread_mutex_unlock(&g_render_mu); /* NOLINT(cross-task-exit): frame hand-off */
    return NULL;
}

int main(void)
{
    pthread_t renderer;

    pthread_mutex_lock(&g_render_mu);
    if (pthread_create(&renderer, NULL, render_worker, NULL) != 0)
        return 1;
    pthread_join(renderer, NULL);
    printf("frames %d\n", g_frames);
    return 0;
}
