// The ingest loop locks the buffer and lets a jthread flush it: the jthread unlocks a mutex
// the ingest loop locked.
#include <mutex>
#include <thread>

struct Buffer {
    std::mutex mu;
    int used = 0;
};

int main()
{
    Buffer buf;
    buf.mu.lock();
    buf.used = 4;
    std::jthread flusher([&buf] {
        buf.used = 0;
        buf.mu.unlock(); // expect: cross-task-exit {{'buf.mu'}}
    });
    return 0;
}
