// The handler takes the cache's lock in two separate critical sections and suspends only
// between them: no lock is held when the coroutine moves to the I/O thread.
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

task serve_request()
{
    {
        std::lock_guard<std::mutex> guard(cache_mu);
        cache_bytes = 0;
    }
    int bytes = co_await disk_read{};
    cache_mu.lock();
    cache_bytes += bytes;
    cache_mu.unlock();
    co_await std::suspend_never{};
}

int main()
{
    serve_request();
    io_thread.join();
    return 0;
}
