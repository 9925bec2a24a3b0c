// The journal writer takes its lock through a heap-allocated lock_guard and hands the guard's
// owner to the flusher thread with an init-capture: the closure, and the unique_ptr in it, die
// in the flusher when its body ends, so the guard is destroyed (the mutex unlocked) there.
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

std::mutex journal_mu;
int journal_pending;

int main()
{
    auto guard = std::make_unique<std::lock_guard<std::mutex>>(journal_mu);
    journal_pending = 16;
    std::thread flusher([owned = std::move(guard)] {
        journal_pending = 0;
    }); // expect: cross-task-exit {{lock guard 'std::make_unique<std::lock_guard<std::mutex>>(journal_mu)' is destroyed in thread 'lambda at}}
    flusher.join();
    return 0;
}
