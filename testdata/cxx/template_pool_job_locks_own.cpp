// The same pool (a member template enqueue(F f) pushing onto a std::queue of std::function
// jobs that emplace_back-started workers pop), but the reloader unlocks the config before it
// enqueues, and the job takes the config lock itself on the worker: no unlock crosses threads.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

class WorkerPool {
public:
    explicit WorkerPool(int n)
    {
        for (int i = 0; i < n; i++)
            workers_.emplace_back([this] {
                for (;;) {
                    std::function<void()> job;
                    {
                        std::unique_lock<std::mutex> lk(mu_);
                        cv_.wait(lk, [this] { return stop_ || !tasks_.empty(); });
                        if (stop_ && tasks_.empty())
                            return;
                        job = std::move(tasks_.front());
                        tasks_.pop();
                    }
                    job();
                }
            });
    }
    ~WorkerPool()
    {
        {
            std::lock_guard<std::mutex> g(mu_);
            stop_ = true;
        }
        cv_.notify_all();
        for (auto &t : workers_)
            t.join();
    }
    template <class F> void enqueue(F f)
    {
        std::lock_guard<std::mutex> g(mu_);
        tasks_.push(std::move(f));
        cv_.notify_one();
    }

private:
    std::mutex mu_;
    std::condition_variable cv_;
    std::queue<std::function<void()>> tasks_;
    std::vector<std::thread> workers_;
    bool stop_ = false;
};

std::mutex config_mu;
int config_generation;

int main()
{
    WorkerPool pool(2);
    config_mu.lock();
    config_generation++;
    config_mu.unlock();
    pool.enqueue([] {
        std::lock_guard<std::mutex> g(config_mu);
        config_generation++;
    });
    return 0;
}
