// main locks the results mutex before creating the workers and sleeps in pthread_cond_wait
// (which releases it) until every worker has reported; workers lock, record, signal, unlock.
#include <pthread.h>
#include <stdio.h>

#define NW 3

static pthread_mutex_t results_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t reported = PTHREAD_COND_INITIALIZER;
static int nreported;
static int results[NW];

static void *worker(void *arg)
{
    int id = *(int *)arg;
    int value = id * 10 + 1;

    pthread_mutex_lock(&results_mu);
    results[id] = value;
    nreported++;
    pthread_cond_signal(&reported);
    pthread_mutex_unlock(&results_mu);
    return NULL;
}

int main(void)
{
    pthread_t t[NW];
    int ids[NW];

    pthread_mutex_lock(&results_mu);
    for (int i = 0; i < NW; i++) {
        ids[i] = i;
        pthread_create(&t[i], NULL, worker, &ids[i]);
    }
    while (nreported < NW)
        pthread_cond_wait(&reported, &results_mu);
    for (int i = 0; i < NW; i++)
        printf("result %d = %d\n", i, results[i]);
    pthread_mutex_unlock(&results_mu);
    for (int i = 0; i < NW; i++)
        pthread_join(t[i], NULL);
    return 0;
}
