// flags: -std=c++20 -pthread -DBOOST_ASIO_HAS_CO_AWAIT -DBOOST_ASIO_HAS_STD_COROUTINE
// The registry is locked by main, which co_spawns the coroutine that finishes the update onto an
// io_context run by the runner thread: the coroutine unlocks a mutex main locked. (Boost 1.74
// detects C++20 coroutines for GCC only; the defines tell it clang has them too.)
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
    boost::asio::co_spawn(io, []() -> boost::asio::awaitable<void> {
        registry_size++;
        registry_mu.unlock(); // expect: cross-task-exit {{'registry_mu'}}
        co_return;
    }, boost::asio::detached);
    std::thread runner([&io] { io.run(); });
    runner.join();
    return 0;
}
