// The cache refresher keeps its lock_guard alive across a `co_await` written as a statement of
// its own; the read resumes the coroutine on the I/O thread, which then destroys the guard and
// unlocks the mutex main locked. (clang-tidy's misc-coroutine-hostile-raii and
// cppcoreguidelines-no-suspend-with-lock both see this one: docs/benchmarks.md.)
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
    std::lock_guard<std::mutex> guard(cache_mu);
    co_await disk_read{}; // expect: held-across-suspend {{lock guard 'guard'}}
    cache_bytes += 512;
}

int main()
{
    refresh_cache();
    io_thread.join();
    return 0;
}
