// rules: cxx-std testdata/cxx/packs/thread_pool.json
// A project's thread pool queues std::function jobs that its workers pop and run. The
// registry locks its mutex and submits the rest of the update as a job: a pool worker unlocks
// a mutex the registry's thread locked.
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
    pool.submit([] {
        registry_version++;
        registry_mu.unlock(); // expect: cross-task-exit {{'registry_mu'}}
    });
    return 0;
}
