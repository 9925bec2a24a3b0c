// Resource manager shared with a detached thread: a Session locks the store in its constructor
// and unlocks it in its destructor. The auditor thread is detached, so nothing waits for it
// before main drops its own copy: the auditor's copy is the last owner and the destructor
// unlocks, in the auditor thread, the mutex main locked.
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
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        session->requests++;
    }); // expect: cross-task-exit {{'mu_'}}
    auditor.detach();
    session.reset();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return 0;
}
