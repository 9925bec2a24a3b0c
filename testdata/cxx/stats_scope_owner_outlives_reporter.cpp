// The same StatsScope shared with a reporter thread, but main joins the reporter before it
// drops its own copy: main's reset() is the last release, and the destructor unlocks in main,
// which locked.
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>

std::mutex stats_mu;
int open_scopes;

class StatsScope {
public:
    StatsScope()
    {
        stats_mu.lock();
        open_scopes++;
    }
    ~StatsScope()
    {
        open_scopes--;
        stats_mu.unlock();
    }
};

int main()
{
    auto scope = std::make_shared<StatsScope>();
    std::thread reporter([scope]() mutable {
        std::printf("open scopes: %d\n", open_scopes);
        scope.reset();
    });
    reporter.join();
    scope.reset();
    return 0;
}
