// C11 threads: main locks the frame buffer and starts a render thread that stores the buffer
// in a tss_t; the tss destructor unlocks the buffer when the render thread exits.
// rules: posix c11
#include <stdio.h>
#include <threads.h>

struct frame_buffer {
    mtx_t mu;
    int frames;
};

static tss_t g_frame_tss;

static void frame_release(void *value)
{
    struct frame_buffer *fb = value;

    mtx_unlock(&fb->mu); // expect: cross-task-exit
}

static int render_thread(void *arg)
{
    struct frame_buffer *fb = arg;

    tss_set(g_frame_tss, fb);
    fb->frames++;
    return 0;
}

int main(void)
{
    struct frame_buffer fb = {.frames = 0};
    thrd_t tid;

    mtx_init(&fb.mu, mtx_plain);
    tss_create(&g_frame_tss, frame_release);
    mtx_lock(&fb.mu);
    if (thrd_create(&tid, render_thread, &fb) != thrd_success)
        return 1;
    thrd_join(tid, NULL);
    printf("%d frames\n", fb.frames);
    return 0;
}
