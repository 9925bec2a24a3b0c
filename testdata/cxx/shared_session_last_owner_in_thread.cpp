// Resource manager with shared ownership: a Session locks the store in its constructor and
// unlocks it in its destructor. main shares the session with an auditor thread and drops its
// own copy first, so the auditor's copy is the last owner and the destructor unlocks there.
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

std::mutex store_mu;

class Session {
public:
    explicit Session(std::mutex &mu) : mu_(mu) { mu_.lock(); }
    ~Session() { mu_.unlock(); } // expect-fixme: cross-task-exit {{the last std::shared_ptr owner is not followed yet}}
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
    });
    session.reset();
    auditor.join();
    return 0;
}
