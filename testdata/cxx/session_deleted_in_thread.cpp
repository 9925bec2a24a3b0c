// Resource manager: a Session locks the store in its constructor and unlocks it in its
// destructor. main creates the session and hands it to a reaper thread, which deletes it: the
// destructor unlocks, in the reaper, a mutex main locked (reported where the session dies).
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
    Session *session = new Session(store_mu);
    session->requests++;
    std::thread reaper([session] { delete session; }); // expect: cross-task-exit {{'mu_'}}
    reaper.join();
    return 0;
}
