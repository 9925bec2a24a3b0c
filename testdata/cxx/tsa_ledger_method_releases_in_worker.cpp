// Clang thread-safety attributes on methods: a Ledger's BeginPosting acquires the journal mutex
// it is given and EndPosting releases it (their bodies live in the ledger library, compiled
// with -DLEDGER_IMPL). main begins posting on one ledger object and a closer thread ends it
// through another: the journal mutex main acquired is released in the closer. A method's
// capability parameter counts after its object (`journal_mu` is argument 1, not 0).
// flags: -std=c++17 -pthread
#include <mutex>
#include <thread>

#define CAPABILITY(x) __attribute__((capability(x)))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))

class CAPABILITY("mutex") Mutex {
public:
    void Lock() ACQUIRE();
    void Unlock() RELEASE();

private:
    std::mutex mu_;
};

class Ledger {
public:
    void BeginPosting(Mutex *journal_mu) ACQUIRE(journal_mu);
    void EndPosting(Mutex *journal_mu) RELEASE(journal_mu);
    int entries = 0;
};

#ifdef LEDGER_IMPL
void Mutex::Lock() { mu_.lock(); }
void Mutex::Unlock() { mu_.unlock(); }
void Ledger::BeginPosting(Mutex *journal_mu) { journal_mu->Lock(); }
void Ledger::EndPosting(Mutex *journal_mu) { journal_mu->Unlock(); }
#endif

Mutex journal_mu;

int main()
{
    Ledger posting, closing;
    posting.BeginPosting(&journal_mu);
    posting.entries++;
    std::thread closer([&closing] {
        closing.EndPosting(&journal_mu); // expect: cross-task-exit {{journal_mu}}
    });
    closer.join();
    return 0;
}
