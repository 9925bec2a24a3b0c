// qsort calls its comparator synchronously, in the calling thread: the comparator's lock and
// unlock of the stats mutex pair up in whichever thread sorts.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t g_cmp_stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long g_comparisons;

static int compare_scores(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    pthread_mutex_lock(&g_cmp_stats_mu);
    g_comparisons++;
    pthread_mutex_unlock(&g_cmp_stats_mu);
    return (x > y) - (x < y);
}

static void *leaderboard_sorter(void *arg)
{
    int *scores = arg;

    qsort(scores, 8, sizeof(int), compare_scores);
    return NULL;
}

int main(void)
{
    int board_a[8] = {5, 3, 9, 1, 7, 2, 8, 4};
    int board_b[8] = {15, 13, 19, 11, 17, 12, 18, 14};
    pthread_t tid;

    if (pthread_create(&tid, NULL, leaderboard_sorter, board_a) != 0)
        return 1;
    qsort(board_b, 8, sizeof(int), compare_scores);
    pthread_join(tid, NULL);
    pthread_mutex_lock(&g_cmp_stats_mu);
    printf("top %d and %d after %ld comparisons\n", board_a[7], board_b[7], g_comparisons);
    pthread_mutex_unlock(&g_cmp_stats_mu);
    return 0;
}
