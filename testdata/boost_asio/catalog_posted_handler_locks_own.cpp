// The catalog updater finishes its own critical section before posting, and the handler the
// Boost.Asio thread pool runs takes the catalog's lock itself with a lock_guard.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <mutex>

std::mutex catalog_mu;
int catalog_version;

int main()
{
    boost::asio::thread_pool pool(2);
    catalog_mu.lock();
    catalog_version++;
    catalog_mu.unlock();
    boost::asio::post(pool, [] {
        std::lock_guard<std::mutex> guard(catalog_mu);
        catalog_version++;
    });
    pool.join();
    return 0;
}
