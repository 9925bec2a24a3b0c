// The closer thread's lambda captures everything by copy ([=]), the session pointer among them,
// and unlocks the session's mutex that main locked before starting it.
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
    std::thread closer([=] {
        s->refs--;
        s->mu.unlock(); // expect: cross-task-exit {{std::mutex 's->mu'}}
    });
    closer.join();
    delete s;
    return 0;
}
