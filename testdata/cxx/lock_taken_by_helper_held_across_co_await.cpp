// The cache refresher takes the cache's lock through a helper and releases it through another
// after the read: the mutex is held at the co_await, the coroutine resumes on the I/O thread,
// and end_update() unlocks there. (Neither clang-tidy check sees a lock taken by a call:
// docs/benchmarks.md.)
#include <coroutine>
#include <mutex>
#include <thread>

struct task {
    struct promise_type {
        task get_return_object() { return {}; }
        std::suspend_never initial_suspend() { return {}; }
        std::suspend_never final_suspend() noexcept { return {}; }
        void return_void() {}
        void unhandled_exception() {}
    };
};

std::thread io_thread;

struct disk_read {
    bool await_ready() { return false; }
    void await_suspend(std::coroutine_handle<> h) { io_thread = std::thread([h] { h.resume(); }); }
    int await_resume() { return 512; }
};


std::mutex cache_mu;
long cache_bytes;

static void begin_update() { cache_mu.lock(); }
static void end_update() { cache_mu.unlock(); }

task refresh_cache()
{
    begin_update();
    int bytes = co_await disk_read{}; // expect: held-across-suspend {{std::mutex 'cache_mu'}}
    cache_bytes += bytes;
    end_update();
}

int main()
{
    refresh_cache();
    io_thread.join();
    return 0;
}
