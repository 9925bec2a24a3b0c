// The indexer unlocks its unique_lock before handing it to the rebuild thread: the lock it
// passes owns nothing, and the thread locks it again itself, so the unlock when its parameter
// dies is its own.
#include <mutex>
#include <thread>
#include <utility>

std::mutex index_mu;
int index_rows;

static void rebuild_index(std::unique_lock<std::mutex> held)
{
    held.lock();
    index_rows = 0;
}

int main()
{
    std::unique_lock<std::mutex> lock(index_mu);
    index_rows = 10;
    lock.unlock();
    std::thread builder(rebuild_index, std::move(lock));
    builder.join();
    return 0;
}
