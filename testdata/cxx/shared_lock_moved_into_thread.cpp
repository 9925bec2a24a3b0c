// The reader takes a shared_lock on the catalog and moves it into the thread that finishes the
// scan: that thread destroys the lock and releases a reader lock main took.
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <utility>

std::shared_mutex catalog_mu;
int catalog_size;

int main()
{
    std::shared_lock<std::shared_mutex> reader(catalog_mu);
    int seen = 0;
    std::thread finisher([held = std::move(reader), &seen]() mutable {
        seen = catalog_size;
    }); // expect: cross-task-exit {{std::shared_lock 'reader'}}
    finisher.join();
    return seen;
}
