// A request handler keeps the cache's lock_guard alive across co_await on a read that resumes
// the coroutine on the I/O thread: the guard is then destroyed, and the mutex unlocked, there.
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
    std::lock_guard<std::mutex> guard(cache_mu);
    int bytes = co_await disk_read{}; // expect: held-across-suspend {{lock guard 'guard'}}
    cache_bytes += bytes;
}

int main()
{
    serve_request();
    io_thread.join();
    return 0;
}
