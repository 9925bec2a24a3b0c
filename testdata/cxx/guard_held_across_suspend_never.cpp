// The cache refresher awaits std::suspend_never with its guard alive: the awaitable never
// suspends, so the coroutine goes on in the same thread and destroys the guard there
// (suspend_never is on cxx-std.json's awaitables list; both clang-tidy checks warn here:
// docs/benchmarks.md).
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

std::mutex cache_mu;
long cache_bytes;

task refresh_cache()
{
    std::lock_guard<std::mutex> guard(cache_mu);
    co_await std::suspend_never{};
    cache_bytes += 512;
}

int main()
{
    refresh_cache();
    return 0;
}
