// Deferred work kept in a std::vector of std::function: the cache registers its callbacks, and
// a flusher thread runs them all with a range-for. main locks the cache and registers a
// callback that unlocks it, so the flusher thread unlocks a mutex main locked.
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

class DeferredWork {
public:
    void add(std::function<void()> fn) { pending_.push_back(std::move(fn)); }
    void flush_in_background()
    {
        std::thread flusher([this] {
            for (auto &fn : pending_)
                fn();
        });
        flusher.join();
    }

private:
    std::vector<std::function<void()>> pending_;
};

std::mutex cache_mu;
int cache_entries;

int main()
{
    DeferredWork work;
    cache_mu.lock();
    cache_entries++;
    work.add([] {
        cache_entries--;
        cache_mu.unlock(); // expect: cross-task-exit {{'cache_mu'}}
    });
    work.flush_in_background();
    return 0;
}
