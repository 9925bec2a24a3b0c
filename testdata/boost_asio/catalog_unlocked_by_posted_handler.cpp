// The catalog updater locks the catalog and posts the rest of the update to a Boost.Asio thread
// pool: the handler runs on one of the pool's threads and unlocks a mutex main locked.
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
    boost::asio::post(pool, [] {
        catalog_version++;
        catalog_mu.unlock(); // expect: cross-task-exit {{std::mutex 'catalog_mu' is unlocked in thread 'lambda at}}
    });
    pool.join();
    return 0;
}
