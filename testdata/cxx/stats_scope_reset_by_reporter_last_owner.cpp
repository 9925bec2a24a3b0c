// A resource manager: StatsScope locks the stats mutex in its constructor and unlocks it in
// its destructor. main shares it with a reporter thread and drops its own copy before the
// join, so the reporter's reset() releases the last owner and the destructor unlocks in the
// reporter thread (the lambda's copy dies empty: one unlock, not two).
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
        stats_mu.unlock(); // expect: cross-task-exit {{'stats_mu'}}
    }
};

int main()
{
    auto scope = std::make_shared<StatsScope>();
    std::thread reporter([scope]() mutable {
        std::printf("open scopes: %d\n", open_scopes);
        scope.reset();
    });
    scope.reset();
    reporter.join();
    return 0;
}
