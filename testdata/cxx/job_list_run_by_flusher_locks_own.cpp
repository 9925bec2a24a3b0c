// Deferred callbacks in a std::vector of std::function, run with a range-for by a flusher
// thread; main releases the cache before it registers the callback, which locks it itself on
// the flusher: nothing crosses threads.
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
    cache_mu.unlock();
    work.add([] {
        std::lock_guard<std::mutex> guard(cache_mu);
        cache_entries--;
    });
    work.flush_in_background();
    return 0;
}
