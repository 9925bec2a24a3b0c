// std::async with the default policy may run the task on another thread (libstdc++ starts a
// thread): a task that unlocks what main locked is a cross-thread unlock whenever it does.
#include <future>
#include <mutex>

std::mutex stats_mu;
long stats_total;

static void finish_report()
{
    stats_total++;
    stats_mu.unlock(); // expect: cross-task-exit {{'stats_mu'}}
}

int main()
{
    stats_mu.lock();
    stats_total = 10;
    auto done = std::async(finish_report);
    done.wait();
    return 0;
}
