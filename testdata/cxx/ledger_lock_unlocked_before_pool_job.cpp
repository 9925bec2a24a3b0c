// rules: cxx-std testdata/cxx/packs/thread_pool.json
// The ledger unlocks its unique_lock before moving it into the job that finishes the update:
// the moved lock owns nothing when the job's closure dies on the pool worker, and the job takes
// the lock itself while it works.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <memory>
#include <utility>
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

std::mutex ledger_mu;
int ledger_rows;

int main()
{
    ThreadPool pool(2);
    std::unique_lock<std::mutex> lock(ledger_mu);
    ledger_rows++;
    lock.unlock();
    pool.submit([held = std::make_shared<std::unique_lock<std::mutex>>(std::move(lock))] {
        held->lock();
        ledger_rows++;
    });
    return 0;
}
