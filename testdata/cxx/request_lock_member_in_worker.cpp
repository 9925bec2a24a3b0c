// The same Request with its StoreLock member, built and deleted by the worker thread itself:
// the implicit ~Request unlocks in the thread that locked.
#include <mutex>
#include <thread>

std::mutex store_mu;

class StoreLock {
public:
    explicit StoreLock(std::mutex &mu) : mu_(mu) { mu_.lock(); }
    ~StoreLock() { mu_.unlock(); }

private:
    std::mutex &mu_;
};

struct Request {
    Request(std::mutex &mu, int request_id) : lock(mu), id(request_id) {}
    StoreLock lock;
    int id;
};

static void serve(int request_id)
{
    Request *req = new Request(store_mu, request_id);
    req->id++;
    delete req;
}

int main()
{
    std::thread worker(serve, 7);
    worker.join();
    return 0;
}
