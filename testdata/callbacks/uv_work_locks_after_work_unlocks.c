// A thumbnail cache resized off the loop: the work callback takes the cache lock on a libuv
// pool thread and leaves it held for the after-work callback, which runs later on the loop
// thread and releases it there. Both callbacks of the one uv_queue_work call count.
// flags: -std=gnu11 -pthread
// rules: posix libuv
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

struct thumb_cache {
    uv_mutex_t mu;
    int entries;
};

struct resize_req {
    uv_work_t work;
    struct thumb_cache *cache;
    int width;
};

static void resize_work(uv_work_t *req)
{
    struct resize_req *r = req->data;

    uv_mutex_lock(&r->cache->mu);
    r->cache->entries++;
}

static void resize_done(uv_work_t *req, int status)
{
    struct resize_req *r = req->data;

    (void)status;
    printf("cached %d thumbnails\n", r->cache->entries);
    uv_mutex_unlock(&r->cache->mu); // expect: cross-task-exit {{uv mutex 'r->cache->mu' is unlocked in thread 'resize_done' but was locked in thread 'resize_work'}}
    free(r);
}

int main(void)
{
    static struct thumb_cache cache;
    uv_loop_t *loop = uv_default_loop();
    struct resize_req *r = calloc(1, sizeof(*r));

    if (!r || uv_mutex_init(&cache.mu) != 0)
        return 1;
    r->cache = &cache;
    r->width = 128;
    r->work.data = r;
    uv_queue_work(loop, &r->work, resize_work, resize_done);
    uv_run(loop, UV_RUN_DEFAULT);
    uv_mutex_destroy(&cache.mu);
    return 0;
}
