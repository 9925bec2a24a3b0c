// The loader locks the cache with a unique_lock and moves the lock into the thread that fills
// it: the thread destroys the unique_lock and so unlocks a mutex main locked.
#include <mutex>
#include <thread>
#include <utility>

std::mutex cache_mu;
int cache_entries;

int main()
{
    std::unique_lock<std::mutex> lock(cache_mu);
    std::thread filler([held = std::move(lock)]() mutable {
        cache_entries = 64;
    }); // expect: cross-task-exit {{std::unique_lock 'lock'}}
    filler.join();
    return 0;
}
