// A job queue whose single worker pops std::function jobs; submit is a member template taking
// any callable. main's batch mutex is a local: main locks it and submits a job that captures
// it by reference and unlocks it, so the queue's worker unlocks a mutex main locked.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>

class JobQueue {
public:
    JobQueue() : worker_([this] { run(); }) {}
    ~JobQueue()
    {
        {
            std::lock_guard<std::mutex> g(mu_);
            done_ = true;
        }
        cv_.notify_one();
        worker_.join();
    }
    template <typename Fn> void submit(Fn &&fn)
    {
        {
            std::lock_guard<std::mutex> g(mu_);
            jobs_.emplace(std::forward<Fn>(fn));
        }
        cv_.notify_one();
    }

private:
    void run()
    {
        for (;;) {
            std::unique_lock<std::mutex> lk(mu_);
            cv_.wait(lk, [this] { return done_ || !jobs_.empty(); });
            if (jobs_.empty())
                return;
            auto job = std::move(jobs_.front());
            jobs_.pop();
            lk.unlock();
            job();
        }
    }
    std::mutex mu_;
    std::condition_variable cv_;
    std::queue<std::function<void()>> jobs_;
    bool done_ = false;
    std::thread worker_;
};

int main()
{
    std::mutex batch_mu;
    int pending = 0;
    JobQueue queue;
    batch_mu.lock();
    pending++;
    queue.submit([&batch_mu, &pending] {
        pending--;
        batch_mu.unlock(); // expect: cross-task-exit {{'batch_mu'}}
    });
    return 0;
}
