// The closer thread's lambda captures the session pointer by copy ([=]) and locks and unlocks
// the session's mutex itself; main released its own lock before starting the thread.
#include <mutex>
#include <thread>

struct session {
    std::mutex mu;
    int refs = 0;
};

int main()
{
    session *s = new session();
    s->mu.lock();
    s->refs++;
    s->mu.unlock();
    std::thread closer([=] {
        s->mu.lock();
        s->refs--;
        s->mu.unlock();
    });
    closer.join();
    delete s;
    return 0;
}
