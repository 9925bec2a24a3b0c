// Resource manager shared with a detached thread started by a helper: start_auditor copies the
// caller's shared_ptr (received by reference) into the auditor's lambda and detaches it; main
// then drops its copy, so the auditor's copy is the last owner and the destructor unlocks, in
// the auditor thread, the mutex main locked.
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

static void start_auditor(const std::shared_ptr<Session> &session)
{
    std::thread auditor([session] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        session->requests++;
    }); // expect-fixme: cross-task-exit {{the owner reached through the helper's reference parameter is not resolved in the spawned thread}}
    auditor.detach();
}

int main()
{
    auto session = std::make_shared<Session>(store_mu);
    start_auditor(session);
    session.reset();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return 0;
}
