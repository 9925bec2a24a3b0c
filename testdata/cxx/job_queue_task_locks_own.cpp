// The same work queue of std::function jobs, but the job main pushes takes the index lock
// itself and releases it: main locks and unlocks the index on its own, the worker pops the
// job and every unlock runs in the thread that locked.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

std::mutex index_mu;

class WorkQueue {
public:
    void push(std::function<void()> job)
    {
        std::lock_guard<std::mutex> guard(mu_);
        jobs_.push_back(std::move(job));
        ready_.notify_one();
    }

    void run_one()
    {
        std::function<void()> job;
        {
            std::unique_lock<std::mutex> lock(mu_);
            ready_.wait(lock, [this] { return !jobs_.empty(); });
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        job();
    }

private:
    std::mutex mu_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> jobs_;
};

int main()
{
    WorkQueue queue;
    std::thread worker([&queue] { queue.run_one(); });
    index_mu.lock();
    index_mu.unlock();
    queue.push([] {
        index_mu.lock();
        index_mu.unlock();
    });
    worker.join();
    return 0;
}
