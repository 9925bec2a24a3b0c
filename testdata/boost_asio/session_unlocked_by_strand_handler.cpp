// A connection's session is locked by main, which then dispatches the close onto the session's
// strand; the io_context runs on the runner thread, so the handler unlocks the session's mutex
// there (dispatch runs it inline only when the caller is already inside the strand).
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
    boost::asio::dispatch(strand, [&s] {
        s.open = false;
        s.mu.unlock(); // expect: cross-task-exit {{std::mutex 's.mu'}}
    });
    std::thread runner([&io] { io.run(); });
    runner.join();
    return 0;
}
