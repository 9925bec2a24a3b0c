// A SCOPED_CAPABILITY guard, as leveldb's MutexLock: its constructor acquires the mutex it is
// given and its destructor (or Release) releases it; the bodies live in the library (compiled
// with -DLEDGER_IMPL). main and a flusher thread each hold their own guard on the same journal
// mutex, one after the other, and the flusher releases its guard early: every release runs in
// the thread that acquired, through the guard object that acquired.
// flags: -std=c++17 -pthread
#include <mutex>
#include <thread>

#define CAPABILITY(x) __attribute__((capability(x)))
#define SCOPED_CAPABILITY __attribute__((scoped_lockable))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))

class CAPABILITY("mutex") Mutex {
public:
    void Lock() ACQUIRE();
    void Unlock() RELEASE();

private:
    std::mutex mu_;
};

class SCOPED_CAPABILITY MutexLock {
public:
    explicit MutexLock(Mutex *mu) ACQUIRE(mu);
    ~MutexLock() RELEASE();
    void Release() RELEASE();

private:
    Mutex *mu_;
    bool held_;
};

#ifdef LEDGER_IMPL
void Mutex::Lock() { mu_.lock(); }
void Mutex::Unlock() { mu_.unlock(); }
MutexLock::MutexLock(Mutex *mu) : mu_(mu), held_(true) { mu_->Lock(); }
MutexLock::~MutexLock() { if (held_) mu_->Unlock(); }
void MutexLock::Release() { held_ = false; mu_->Unlock(); }
#endif

Mutex journal_mu;
int journal_entries;

static void flush_journal()
{
    MutexLock guard(&journal_mu);
    journal_entries = 0;
    guard.Release();
}

int main()
{
    {
        MutexLock guard(&journal_mu);
        journal_entries++;
    }
    std::thread flusher(flush_journal);
    flusher.join();
    return 0;
}
