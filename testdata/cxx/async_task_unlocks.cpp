// The report builder locks the stats and hands the rest of the work to std::async with the
// async policy: the task runs on another thread and unlocks the mutex there.
#include <future>
#include <mutex>

std::mutex stats_mu;
long stats_total;

int main()
{
    stats_mu.lock();
    stats_total = 10;
    auto done = std::async(std::launch::async, [] {
        stats_total++;
        stats_mu.unlock(); // expect: cross-task-exit {{'stats_mu'}}
    });
    done.wait();
    return 0;
}
