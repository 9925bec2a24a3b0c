// The same shared Session, handed to a std::jthread declared after it: at the end of main the
// jthread is destroyed first, and its destructor joins the auditor, so main's copy is the last
// owner and the destructor unlocks in the thread that locked.
#include <memory>
#include <mutex>
#include <thread>

std::mutex store_mu;

class Session {
public:
    explicit Session(std::mutex &mu) : mu_(mu) { mu_.lock(); }
    ~Session() { mu_.unlock(); }
    int requests = 0;

private:
    std::mutex &mu_;
};

int main()
{
    auto session = std::make_shared<Session>(store_mu);
    std::jthread auditor([session] { session->requests++; });
    return 0;
}
