// A Transaction holds its table lock in a std::unique_lock member and declares no destructor:
// the implicit destructor destroys the member, which unlocks. main begins the transaction and a
// committer thread deletes it, so the lock main took is released in the committer.
#include <mutex>
#include <thread>

std::mutex table_mu;

class Transaction {
public:
    explicit Transaction(std::mutex &mu) : lock_(mu) {}
    int rows = 0;

private:
    std::unique_lock<std::mutex> lock_;
};

int main()
{
    Transaction *txn = new Transaction(table_mu);
    txn->rows = 3;
    std::thread committer([txn] { delete txn; }); // expect: cross-task-exit {{'this->lock_'}}
    committer.join();
    return 0;
}
