// The indexer locks the index and hands the lock to the rebuild thread as its argument: the
// thread function's by-value unique_lock parameter is destroyed when it returns, in the new
// thread, which unlocks a mutex main locked.
#include <mutex>
#include <thread>
#include <utility>

std::mutex index_mu;
int index_rows;

static void rebuild_index(std::unique_lock<std::mutex> held)
{
    index_rows = 0;
} // expect: cross-task-exit {{std::unique_lock 'lock' is unlocked in thread 'rebuild_index'}}

int main()
{
    std::unique_lock<std::mutex> lock(index_mu);
    index_rows = 10;
    std::thread builder(rebuild_index, std::move(lock));
    builder.join();
    return 0;
}
