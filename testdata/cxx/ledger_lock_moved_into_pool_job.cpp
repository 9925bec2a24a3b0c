// rules: cxx-std testdata/cxx/packs/thread_pool.json
// The ledger locks its mutex with a unique_lock and moves the lock into the job that finishes
// the update (held by a shared_ptr, since a std::function must be copyable): the job's closure
// is the last owner and dies on the pool worker that ran it, which unlocks a mutex main locked.
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
    pool.submit([held = std::make_shared<std::unique_lock<std::mutex>>(std::move(lock))] {
        ledger_rows++;
    }); // expect: cross-task-exit {{std::unique_lock 'lock' is unlocked in thread 'lambda at}}
    return 0;
}
