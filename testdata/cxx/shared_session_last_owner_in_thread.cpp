// Resource manager with shared ownership: a Session locks the store in its constructor and
// unlocks it in its destructor. main shares the session with an auditor thread and drops its
// own copy first, so the auditor's copy is the last owner and the destructor unlocks there
// (reported where that copy dies: the end of the thread's lambda).
#include <chrono>
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
    std::thread auditor([session] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        session->requests++;
    }); // expect: cross-task-exit {{'mu_'}}
    session.reset();
    auditor.join();
    return 0;
}
