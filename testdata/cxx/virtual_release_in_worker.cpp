// A storage backend is used through its interface: main opens a transaction through the base
// class, and the worker commits it through the base class too; the override that runs,
// FileBackend::commit, unlocks the mutex that FileBackend::begin locked in main.
#include <mutex>
#include <thread>

class Backend {
public:
    virtual ~Backend() = default;
    virtual void begin() = 0;
    virtual void commit() = 0;
};

class FileBackend : public Backend {
public:
    void begin() override { mu_.lock(); }
    void commit() override { mu_.unlock(); } // expect: cross-task-exit {{'mu_'}}

private:
    std::mutex mu_;
};

int main()
{
    FileBackend file;
    Backend *backend = &file;
    backend->begin();
    std::thread committer([backend] { backend->commit(); });
    committer.join();
    return 0;
}
