// The same Transaction with its std::unique_lock member, but the committer thread only fills
// it in: main deletes it after the join, so the implicit destructor unlocks in the thread that
// locked.
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
    std::thread committer([txn] { txn->rows = 3; });
    committer.join();
    delete txn;
    return 0;
}
