// flags: -std=c++20 -pthread -DBOOST_ASIO_HAS_CO_AWAIT -DBOOST_ASIO_HAS_STD_COROUTINE
// main finishes its own critical section before it co_spawns the coroutine that updates the
// registry on the runner's io_context; the coroutine takes the lock itself and drops it before
// it ends, with no suspension in between.
#include <coroutine>
#include <utility>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <mutex>
#include <thread>

std::mutex registry_mu;
int registry_size;

int main()
{
    boost::asio::io_context io;
    registry_mu.lock();
    registry_size = 1;
    registry_mu.unlock();
    boost::asio::co_spawn(io, []() -> boost::asio::awaitable<void> {
        {
            std::lock_guard<std::mutex> guard(registry_mu);
            registry_size++;
        }
        co_return;
    }, boost::asio::detached);
    std::thread runner([&io] { io.run(); });
    runner.join();
    return 0;
}
