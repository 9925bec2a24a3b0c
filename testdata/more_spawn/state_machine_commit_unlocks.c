// Main begins a transaction by locking it; the committer thread runs the transaction's state
// machine and the COMMIT state unlocks tx->mu, which the committer never locked.
#include <pthread.h>
#include <stdio.h>

enum tx_state { TX_PREPARE, TX_WRITE, TX_COMMIT, TX_DONE };

struct transaction {
    pthread_mutex_t mu;
    enum tx_state state;
    int nwrites;
};

static void tx_step(struct transaction *tx)
{
    switch (tx->state) {
    case TX_PREPARE:
        tx->state = TX_WRITE;
        break;
    case TX_WRITE:
        if (++tx->nwrites == 3)
            tx->state = TX_COMMIT;
        break;
    case TX_COMMIT:
        pthread_mutex_unlock(&tx->mu); // expect: cross-task-exit
        tx->state = TX_DONE;
        break;
    case TX_DONE:
        break;
    }
}

static void *committer_thread(void *arg)
{
    struct transaction *tx = arg;

    while (tx->state != TX_DONE)
        tx_step(tx);
    return NULL;
}

int main(void)
{
    struct transaction tx = {.state = TX_PREPARE};
    pthread_t tid;

    pthread_mutex_init(&tx.mu, NULL);
    pthread_mutex_lock(&tx.mu);
    if (pthread_create(&tid, NULL, committer_thread, &tx) != 0)
        return 1;
    pthread_join(tid, NULL);
    printf("committed %d writes\n", tx.nwrites);
    pthread_mutex_destroy(&tx.mu);
    return 0;
}
