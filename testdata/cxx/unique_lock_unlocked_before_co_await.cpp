// The cache refresher unlocks its unique_lock before it suspends and locks it again after the
// read: nothing is held while the coroutine moves to the I/O thread, and the relock and the
// final unlock both run there. (clang-tidy's cppcoreguidelines-no-suspend-with-lock warns here:
// it looks at the lock's scope, not at unlock(); docs/benchmarks.md.)
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

task refresh_cache()
{
    std::unique_lock<std::mutex> lock(cache_mu);
    cache_bytes = 0;
    lock.unlock();
    int bytes = co_await disk_read{};
    lock.lock();
    cache_bytes += bytes;
}

int main()
{
    refresh_cache();
    io_thread.join();
    return 0;
}
