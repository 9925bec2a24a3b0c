// The fetcher locks the index by hand and keeps it locked across `int n = co_await ...` and a
// `co_return co_await ...`: the coroutine resumes on the network thread with the mutex locked
// and unlocks it there.
#include <coroutine>
#include <mutex>
#include <thread>

struct task {
    struct promise_type {
        task get_return_object() { return {}; }
        std::suspend_never initial_suspend() { return {}; }
        std::suspend_never final_suspend() noexcept { return {}; }
        void return_value(int) {}
        void unhandled_exception() {}
    };
};

std::thread net_thread;

struct recv_op {
    bool await_ready() { return false; }
    void await_suspend(std::coroutine_handle<> h)
    {
        if (net_thread.joinable())
            net_thread.join();
        net_thread = std::thread([h] { h.resume(); });
    }
    int await_resume() { return 128; }
};

std::mutex index_mu;
int index_bytes;

task fetch_index()
{
    index_mu.lock();
    int n = co_await recv_op{}; // expect: held-across-suspend {{std::mutex 'index_mu'}}
    index_bytes += n;
    index_mu.unlock();
    co_return n;
}

task fetch_rest()
{
    std::unique_lock<std::mutex> lock(index_mu);
    index_bytes = 0;
    co_return co_await recv_op{}; // expect: held-across-suspend {{std::unique_lock 'lock'}}
}

int main()
{
    fetch_index();
    net_thread.join();
    fetch_rest();
    net_thread.join();
    return 0;
}
