// The stats reporter captures a pointer to main's unique_lock by copy and only asks whether it
// still owns the mutex; main unlocks it after joining the reporter.
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex stats_mu;
int stats_hits;

int main()
{
    std::unique_lock<std::mutex> lock(stats_mu);
    std::unique_lock<std::mutex> *held = &lock;
    stats_hits++;
    std::thread reporter([held] {
        if (held->owns_lock())
            std::printf("stats locked by main\n");
    });
    reporter.join();
    lock.unlock();
    return 0;
}
