// The journal writer moves its guard's owner into a step it runs itself, in main: the closure
// dies at the end of main's scope, in the thread that built the guard. The flusher thread takes
// the lock on its own.
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

std::mutex journal_mu;
int journal_pending;

int main()
{
    {
        auto guard = std::make_unique<std::lock_guard<std::mutex>>(journal_mu);
        auto finish = [owned = std::move(guard)] { journal_pending = 16; };
        finish();
    }
    std::thread flusher([] {
        std::lock_guard<std::mutex> held(journal_mu);
        journal_pending = 0;
    });
    flusher.join();
    return 0;
}
