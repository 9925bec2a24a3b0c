// The uploader's start() fills the batch under the lock and unlocks before starting run() on a
// thread; run() takes the lock itself.
#include <mutex>
#include <thread>

class Uploader {
public:
    void start()
    {
        batch_mu_.lock();
        pending_ = 3;
        batch_mu_.unlock();
        worker_ = std::thread(&Uploader::run, this);
    }
    void wait() { worker_.join(); }

private:
    void run()
    {
        std::lock_guard<std::mutex> guard(batch_mu_);
        pending_ = 0;
    }
    std::mutex batch_mu_;
    std::thread worker_;
    int pending_ = 0;
};

int main()
{
    Uploader up;
    up.start();
    up.wait();
    return 0;
}
