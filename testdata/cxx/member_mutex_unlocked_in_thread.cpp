// A journal's begin() locks its mutex and commit() unlocks it; main begins a batch and hands
// the commit to a flusher thread, which unlocks a mutex it does not own.
#include <mutex>
#include <thread>

class Journal {
public:
    void begin() { mu_.lock(); }
    void commit() { mu_.unlock(); } // expect: cross-task-exit {{'mu_'}}
    int entries = 0;

private:
    std::mutex mu_;
};

int main()
{
    Journal journal;
    journal.begin();
    journal.entries++;
    std::thread flusher([&journal] { journal.commit(); });
    flusher.join();
    return 0;
}
