// The drainer takes the queue's unique_lock in a loop and leaves the loop with `break`, which
// destroys the lock before the coroutine suspends; a `continue` does the same. Nothing is held
// at co_await.
#include <coroutine>
#include <mutex>
#include <thread>
#include <vector>

struct task {
    struct promise_type {
        task get_return_object() { return {}; }
        std::suspend_never initial_suspend() { return {}; }
        std::suspend_never final_suspend() noexcept { return {}; }
        void return_void() {}
        void unhandled_exception() {}
    };
};

std::thread flush_thread;

struct flush_op {
    bool await_ready() { return false; }
    void await_suspend(std::coroutine_handle<> h) { flush_thread = std::thread([h] { h.resume(); }); }
    void await_resume() {}
};

std::mutex queue_mu;
std::vector<int> queue{1, 2, 3, 0, 5};
long drained;

task drain()
{
    for (;;) {
        std::unique_lock<std::mutex> lock(queue_mu);
        if (queue.empty())
            break;
        int item = queue.back();
        queue.pop_back();
        if (item == 0)
            continue;
        drained += item;
    }
    co_await flush_op{};
    std::lock_guard<std::mutex> guard(queue_mu);
    drained++;
}

int main()
{
    drain();
    flush_thread.join();
    return 0;
}
