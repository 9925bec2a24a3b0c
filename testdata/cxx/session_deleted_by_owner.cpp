// The same Session, but the reaper thread only reads it; main joins the reaper and deletes
// the session itself, so the destructor unlocks in the thread that locked.
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
    std::thread reaper([session] { session->requests++; });
    reaper.join();
    delete session;
    return 0;
}
