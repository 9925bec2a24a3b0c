// The background pool in rocksdb's shape (a std::function member of a queued BGItem struct),
// but main releases the index before it schedules the job, and the job locks and unlocks the
// index itself on the worker: every unlock runs in the thread that locked.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

class BackgroundPool {
public:
    void Schedule(std::function<void()> &&fn)
    {
        std::lock_guard<std::mutex> guard(mu_);
        queue_.push_back(BGItem());
        auto &item = queue_.back();
        item.function = std::move(fn);
        ready_.notify_one();
    }

    void RunOne()
    {
        std::function<void()> func;
        {
            std::unique_lock<std::mutex> lock(mu_);
            ready_.wait(lock, [this] { return !queue_.empty(); });
            func = std::move(queue_.front().function);
            queue_.pop_front();
        }
        func();
    }

private:
    struct BGItem {
        void *tag = nullptr;
        std::function<void()> function;
    };
    std::mutex mu_;
    std::condition_variable ready_;
    std::deque<BGItem> queue_;
};

std::mutex index_mu;
int index_version;

int main()
{
    BackgroundPool pool;
    std::thread worker([&pool] { pool.RunOne(); });
    index_mu.lock();
    index_version++;
    index_mu.unlock();
    pool.Schedule([] {
        std::lock_guard<std::mutex> guard(index_mu);
        index_version++;
    });
    worker.join();
    return 0;
}
