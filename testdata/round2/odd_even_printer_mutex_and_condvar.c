// The same odd/even printer done right: one mutex, one condition variable and a shared
// counter; each thread waits for its parity and always unlocks the mutex it locked.
#include <pthread.h>
#include <stdio.h>

#define MAX 10

static pthread_mutex_t mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn = PTHREAD_COND_INITIALIZER;
static int next_number = 1;

static void *printer(void *arg)
{
    int parity = *(int *)arg;

    for (;;) {
        pthread_mutex_lock(&mtx);
        while (next_number <= MAX && next_number % 2 != parity)
            pthread_cond_wait(&turn, &mtx);
        if (next_number > MAX) {
            pthread_mutex_unlock(&mtx);
            break;
        }
        printf("%s %d\n", parity ? "odd: " : "even:", next_number);
        next_number++;
        pthread_cond_broadcast(&turn);
        pthread_mutex_unlock(&mtx);
    }
    return NULL;
}

int main(void)
{
    pthread_t odd, even;
    int one = 1, zero = 0;

    pthread_create(&odd, NULL, printer, &one);
    pthread_create(&even, NULL, printer, &zero);
    pthread_join(odd, NULL);
    pthread_join(even, NULL);
    return 0;
}
