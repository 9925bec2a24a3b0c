// Every reader thread takes and releases its own shared_lock on the catalog; the writer uses
// a unique_lock that it unlocks before starting the readers.
#include <mutex>
#include <shared_mutex>
#include <thread>

std::shared_mutex catalog_mu;
int catalog_size;

int main()
{
    std::unique_lock<std::shared_mutex> writer(catalog_mu);
    catalog_size = 10;
    writer.unlock();
    std::thread a([] {
        std::shared_lock<std::shared_mutex> reader(catalog_mu);
        (void)catalog_size;
    });
    std::thread b([] {
        catalog_mu.lock_shared();
        (void)catalog_size;
        catalog_mu.unlock_shared();
    });
    a.join();
    b.join();
    return 0;
}
