// The loader unlocks its unique_lock before moving it into the filler thread: the moved lock
// owns nothing, so its destruction in the thread unlocks nothing.
#include <mutex>
#include <thread>
#include <utility>

std::mutex cache_mu;
int cache_entries;

int main()
{
    std::unique_lock<std::mutex> lock(cache_mu);
    cache_entries = 0;
    lock.unlock();
    std::thread filler([held = std::move(lock)]() mutable {
        held.lock();
        cache_entries = 64;
    });
    filler.join();
    return 0;
}
