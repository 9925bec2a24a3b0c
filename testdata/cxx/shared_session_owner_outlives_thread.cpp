// The same shared Session, but main keeps its copy until the auditor thread is joined: main's
// copy is the last owner, so the destructor unlocks in the thread that locked.
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
    std::thread auditor([session] { session->requests++; });
    auditor.join();
    session.reset();
    return 0;
}
