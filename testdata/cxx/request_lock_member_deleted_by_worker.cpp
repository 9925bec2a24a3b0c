// A Request holds a StoreLock member (which locks in its constructor and unlocks in its
// destructor) and declares no destructor of its own. main builds the request and queues it to
// a worker thread, which deletes it when done: the implicit ~Request destroys the StoreLock,
// which unlocks in the worker the mutex main locked.
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

static void serve(Request *req)
{
    req->id++;
    delete req; // expect: cross-task-exit {{'mu_'}}
}

int main()
{
    Request *req = new Request(store_mu, 7);
    std::thread worker(serve, req);
    worker.join();
    return 0;
}
