// The stats reporter captures a pointer to main's unique_lock by copy and unlocks through it
// from its own thread: a mutex main locked is unlocked by the reporter.
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
        stats_hits = 0;
        held->unlock(); // expect: cross-task-exit {{std::unique_lock 'lock' is unlocked in thread 'lambda at}}
    });
    reporter.join();
    return 0;
}
