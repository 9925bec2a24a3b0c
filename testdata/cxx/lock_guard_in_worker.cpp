// Each worker takes the counter's lock_guard inside its own body: the guard is built and
// destroyed in the same thread.
#include <mutex>
#include <thread>
#include <vector>

struct Counter {
    std::mutex mu;
    long hits = 0;
};

int main()
{
    Counter counter;
    std::vector<std::thread> workers;
    for (int i = 0; i < 4; i++)
        workers.emplace_back([&counter] {
            std::lock_guard<std::mutex> guard(counter.mu);
            counter.hits++;
        });
    for (auto &w : workers)
        w.join();
    std::scoped_lock all(counter.mu);
    return counter.hits == 4 ? 0 : 1;
}
