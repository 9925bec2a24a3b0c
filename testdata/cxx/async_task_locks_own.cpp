// The report builder and its std::async task each lock the stats themselves, the default
// policy included.
#include <future>
#include <mutex>

std::mutex stats_mu;
long stats_total;

int main()
{
    auto first = std::async(std::launch::async, [] {
        std::lock_guard<std::mutex> guard(stats_mu);
        stats_total++;
    });
    auto second = std::async([] {
        stats_mu.lock();
        stats_total++;
        stats_mu.unlock();
    });
    first.wait();
    second.wait();
    stats_mu.lock();
    stats_total = 0;
    stats_mu.unlock();
    return 0;
}
