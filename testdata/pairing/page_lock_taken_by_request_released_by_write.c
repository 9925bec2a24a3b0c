// A storage engine's write request finds the page through its bucket table (or allocates a new
// one), locks it and returns with it held; the write that follows unlocks it again through the
// page array, the same page reached another way. The I/O thread's flush callback locks and
// unlocks pages on its own. Every unlock matches a lock of its own thread (memcached's
// extstore_write_request / extstore_write); the analysis loses the pointer between the two and
// must stay silent rather than pair the unlock with the I/O thread's lock.
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

struct page { pthread_mutex_t mutex; unsigned id; size_t used; int active; };
struct engine {
    pthread_mutex_t mutex;
    struct page *pages;
    struct page **page_buckets;
};
struct io { unsigned page_id; size_t len; void (*cb)(struct engine *, struct io *); };

static struct page *allocate_page(struct engine *e, unsigned bucket)
{
    struct page *p = &e->pages[bucket];
    e->page_buckets[bucket] = p;
    p->active = 1;
    return p;
}

int store_write_request(void *ptr, unsigned bucket, struct io *io)
{
    struct engine *e = ptr;
    struct page *p;
    pthread_mutex_lock(&e->mutex);
    p = e->page_buckets[bucket];
    if (!p)
        p = allocate_page(e, bucket);
    pthread_mutex_unlock(&e->mutex);
    if (!p)
        return -1;
    pthread_mutex_lock(&p->mutex);
    if (!p->active) {
        pthread_mutex_unlock(&p->mutex);
        return -1;
    }
    io->page_id = p->id;
    return 0; /* leaves p locked */
}

void store_write(void *ptr, struct io *io)
{
    struct engine *e = ptr;
    struct page *p = &e->pages[io->page_id];
    p->used += io->len;
    pthread_mutex_unlock(&p->mutex);
}

static void flushed_cb(struct engine *e, struct io *io)
{
    struct page *p = &e->pages[io->page_id];
    pthread_mutex_lock(&p->mutex);
    p->used = 0;
    pthread_mutex_unlock(&p->mutex);
}

static struct page pages[4] = {
    {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0}, {PTHREAD_MUTEX_INITIALIZER, 1, 0, 0},
    {PTHREAD_MUTEX_INITIALIZER, 2, 0, 0}, {PTHREAD_MUTEX_INITIALIZER, 3, 0, 0},
};
static struct page *buckets[4];
static struct engine engine = {PTHREAD_MUTEX_INITIALIZER, pages, buckets};
static struct io flush_io = {0, 0, flushed_cb};
static atomic_int running = 1;

static void *io_thread(void *arg)
{
    struct engine *e = arg;
    while (running)
        flush_io.cb(e, &flush_io);
    return NULL;
}

static void *compact_thread(void *arg)
{
    void *e = arg;
    struct io io = {0, 64, NULL};
    for (int i = 0; i < 1000; i++) {
        if (store_write_request(e, 1, &io) == 0)
            store_write(e, &io);
    }
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, io_thread, &engine);
    pthread_create(&b, NULL, compact_thread, &engine);
    pthread_join(b, NULL);
    running = 0;
    pthread_join(a, NULL);
    return 0;
}
