// rules: cxx-std testdata/cxx/packs/thread_pool.json
// The same thread pool; the registry unlocks its mutex before it submits the job, and the job
// takes the lock itself on the worker thread.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

class ThreadPool {
public:
    explicit ThreadPool(int n)
    {
        for (int i = 0; i < n; i++)
            workers_.emplace_back([this] { work(); });
    }
    ~ThreadPool()
    {
        {
            std::lock_guard<std::mutex> guard(mu_);
            stopping_ = true;
        }
        cv_.notify_all();
        for (auto &w : workers_)
            w.join();
    }
    void submit(std::function<void()> job)
    {
        {
            std::lock_guard<std::mutex> guard(mu_);
            jobs_.push_back(std::move(job));
        }
        cv_.notify_one();
    }

private:
    void work()
    {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock<std::mutex> lock(mu_);
                cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
                if (jobs_.empty())
                    return;
                job = std::move(jobs_.front());
                jobs_.pop_front();
            }
            job();
        }
    }
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> jobs_;
    std::vector<std::thread> workers_;
    bool stopping_ = false;
};

std::mutex registry_mu;
int registry_version;

int main()
{
    ThreadPool pool(2);
    registry_mu.lock();
    registry_version++;
    registry_mu.unlock();
    pool.submit([] {
        std::lock_guard<std::mutex> guard(registry_mu);
        registry_version++;
    });
    return 0;
}
