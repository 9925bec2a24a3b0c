// main unlocks the session before it dispatches the close onto the session's strand; the
// handler, run on the runner thread, takes the session's lock itself.
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <mutex>
#include <thread>

struct session {
    std::mutex mu;
    bool open = true;
};

int main()
{
    boost::asio::io_context io;
    auto strand = boost::asio::make_strand(io);
    session s;
    s.mu.lock();
    s.open = true;
    s.mu.unlock();
    boost::asio::dispatch(strand, [&s] {
        std::lock_guard<std::mutex> guard(s.mu);
        s.open = false;
    });
    std::thread runner([&io] { io.run(); });
    runner.join();
    return 0;
}
