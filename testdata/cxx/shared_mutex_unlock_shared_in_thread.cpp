// The index reader locks the catalog for reading and lets a scanner thread release it: the
// reader lock is released by a thread that did not take it.
#include <shared_mutex>
#include <thread>

std::shared_mutex catalog_mu;
int catalog_size;

int main()
{
    catalog_mu.lock_shared();
    int seen = catalog_size;
    std::thread scanner([] {
        catalog_mu.unlock_shared(); // expect: cross-task-exit {{'catalog_mu'}}
    });
    scanner.join();
    return seen;
}
