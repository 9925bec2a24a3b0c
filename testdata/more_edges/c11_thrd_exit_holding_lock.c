// C11 threads: the encoder locks the output and leaves with thrd_exit() still holding it;
// main unlocks the output after joining.
// rules: posix c11
#include <stdio.h>
#include <threads.h>

static mtx_t g_output_mu;
static int g_encoded;

static int encoder_thread(void *arg)
{
    int nframes = *(int *)arg;

    mtx_lock(&g_output_mu);
    g_encoded = nframes;
    thrd_exit(0);
}

int main(void)
{
    thrd_t tid;
    int nframes = 24;

    mtx_init(&g_output_mu, mtx_plain);
    if (thrd_create(&tid, encoder_thread, &nframes) != thrd_success)
        return 1;
    thrd_join(tid, NULL);
    printf("encoded %d frames\n", g_encoded);
    mtx_unlock(&g_output_mu); // expect: cross-task-exit
    return 0;
}
