// The same journal, but the flusher begins and commits its own batch: every unlock runs in
// the thread that locked.
#include <mutex>
#include <thread>

class Journal {
public:
    void begin() { mu_.lock(); }
    void commit() { mu_.unlock(); }
    int entries = 0;

private:
    std::mutex mu_;
};

int main()
{
    Journal journal;
    journal.begin();
    journal.entries++;
    journal.commit();
    std::thread flusher([&journal] {
        journal.begin();
        journal.entries++;
        journal.commit();
    });
    flusher.join();
    return 0;
}
