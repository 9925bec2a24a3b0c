// The same backend interface; the worker begins and commits its own transaction, and main
// commits the one it began.
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
    void commit() override { mu_.unlock(); }

private:
    std::mutex mu_;
};

int main()
{
    FileBackend file;
    Backend *backend = &file;
    backend->begin();
    backend->commit();
    std::thread writer([backend] {
        backend->begin();
        backend->commit();
    });
    writer.join();
    return 0;
}
