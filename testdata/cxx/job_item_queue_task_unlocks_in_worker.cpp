// A background pool in rocksdb's shape: each job is a std::function member of a queue item
// struct (BGItem), pushed onto a std::deque and moved out by the worker before it calls it.
// main locks the index and schedules a job that unlocks it, so the worker unlocks a mutex main
// locked. The job is stored into BGItem's function field and read back out of it.
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
    pool.Schedule([] {
        index_version++;
        index_mu.unlock(); // expect: cross-task-exit {{'index_mu'}}
    });
    worker.join();
    return 0;
}
