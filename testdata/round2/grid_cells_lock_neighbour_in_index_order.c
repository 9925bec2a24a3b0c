// 2D grid simulation: each thread owns a row and, for every cell, locks the cell and its right
// neighbour (lower index first) to exchange heat; all locks go back in reverse order.
#include <pthread.h>
#include <stdio.h>

#define ROWS 3
#define COLS 4

struct cell {
    pthread_mutex_t lock;
    double heat;
};

static struct cell grid[ROWS][COLS];

static void exchange(struct cell *a, struct cell *b)
{
    double avg;

    pthread_mutex_lock(&a->lock);
    pthread_mutex_lock(&b->lock);
    avg = (a->heat + b->heat) / 2;
    a->heat = b->heat = avg;
    pthread_mutex_unlock(&b->lock);
    pthread_mutex_unlock(&a->lock);
}

static void *row_thread(void *arg)
{
    int r = *(int *)arg;

    for (int step = 0; step < 5; step++)
        for (int c = 0; c + 1 < COLS; c++)
            exchange(&grid[r][c], &grid[r][c + 1]);
    return NULL;
}

int main(void)
{
    pthread_t t[ROWS];
    int rows[ROWS];

    for (int r = 0; r < ROWS; r++)
        for (int c = 0; c < COLS; c++) {
            pthread_mutex_init(&grid[r][c].lock, NULL);
            grid[r][c].heat = (c == 0) ? 100.0 : 0.0;
        }
    for (int r = 0; r < ROWS; r++) {
        rows[r] = r;
        pthread_create(&t[r], NULL, row_thread, &rows[r]);
    }
    for (int r = 0; r < ROWS; r++)
        pthread_join(t[r], NULL);
    pthread_mutex_lock(&grid[0][COLS - 1].lock);
    printf("far corner: %.2f\n", grid[0][COLS - 1].heat);
    pthread_mutex_unlock(&grid[0][COLS - 1].lock);
    return 0;
}
