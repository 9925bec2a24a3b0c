// The uploader's start() locks the batch and starts run() on a thread with this object: run()
// unlocks the batch mutex that start() locked.
#include <mutex>
#include <thread>

class Uploader {
public:
    void start()
    {
        batch_mu_.lock();
        pending_ = 3;
        worker_ = std::thread(&Uploader::run, this);
    }
    void wait() { worker_.join(); }

private:
    void run()
    {
        pending_ = 0;
        batch_mu_.unlock(); // expect: cross-task-exit {{'batch_mu_'}}
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
